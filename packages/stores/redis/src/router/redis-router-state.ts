import { randomUUID } from 'node:crypto';
import type { RouterStateFactory } from '@switchyard/core';
import { createRedisClient } from '../create-redis-client.js';
import { RedisRouterStateSync } from './redis-router-state-sync.js';
import { readRedisRouterStateOptions, type RedisRouterStateOptions } from './redis-router-state-settings.js';

/**
 * Router state shared through Redis, with options: `createGateway({ routerState:
 * configureRedisRouterState({ keyPrefix: 'team-a:' }) })`. The options are checked here; the
 * connection (router_settings.redis_url or redis_host/redis_port/redis_password) is opened when
 * a gateway is built, two per gateway (commands, and a subscriber for cooldown events).
 */
export function configureRedisRouterState(options: RedisRouterStateOptions = {}): RouterStateFactory {
  const settings = readRedisRouterStateOptions(options);
  return (factory) => {
    // A fresh instance id per gateway unless one was given: two gateways in one process are two instances.
    const perGateway = options.instanceId === undefined ? { ...settings, instanceId: randomUUID() } : settings;
    const clientOptions = { commandTimeoutMs: perGateway.commandTimeoutMs, connectionName: `switchyard-router-${perGateway.instanceId}` };
    return new RedisRouterStateSync({
      factory,
      settings: perGateway,
      client: createRedisClient(factory.connection, clientOptions),
      subscriber: createRedisClient(factory.connection, { ...clientOptions, commandTimeoutMs: 0, offlineQueue: true }),
    });
  };
}

/** The default: what the Express, Koa and standalone packages pass as `GatewayOptions.routerState`. */
export const redisRouterState: RouterStateFactory = configureRedisRouterState();
