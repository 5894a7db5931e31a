import { randomUUID } from 'node:crypto';
import { GatewayError, Secret, type CounterStoreConnectOptions, type CounterStoreOpenOptions, type CounterStorePlugin, type RedisConnection, type SharedCounters, type StorePlugin } from '@switchyard/core';
import { ConnectionWatch } from '../connection-watch.js';
import { closeRedisClient, createRedisClient } from '../create-redis-client.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { RedisInvalidationBus } from './redis-invalidation-bus.js';

/** Budgets and rate limits: a hung Redis is given up on after this, and the limits stage goes on locally. */
const COMMAND_TIMEOUT_MS = 250;
/** `open` waits this long for the first connection; after it the store starts degraded and recovers by itself. */
const FIRST_CONNECTION_MS = 1_000;

/**
 * Shared counters and key-cache invalidation on Redis: `general_settings.redis_url` (or the
 * router's Redis) opened through this plugin (`GatewayOptions.stores`). Two connections: one for
 * the scripts and publishing, one subscribed to invalidations. Waits up to a second for the
 * first connection; after that it starts degraded and recovers by itself.
 */
export async function openRedisCounters(options: CounterStoreOpenOptions): Promise<SharedCounters> {
  const shared = connectRedisCounters(options);
  await Promise.race([shared.connected, new Promise((resolve) => setTimeout(resolve, FIRST_CONNECTION_MS).unref())]);
  return shared;
}

/**
 * The same, at once (for code that cannot wait, such as a gateway being built): calls made before
 * the connection is up reject with `store_unavailable`, and the caller counts them in process.
 */
export function connectRedisCounters(options: CounterStoreOpenOptions): SharedCounters & { readonly connected: Promise<unknown> } {
  return connectCounters({ connection: connectionFromUrl(options.url), clock: options.clock, logger: options.logger, keyPrefix: options.keyPrefix });
}

/** From a parsed connection (router_settings.redis_url, or redis_host / redis_port / redis_password): what the gateway uses for a config. */
export function connectCounters(options: CounterStoreConnectOptions): SharedCounters & { readonly connected: Promise<unknown> } {
  const { connection } = options;
  const instanceId = randomUUID();
  const keyPrefix = options.keyPrefix ?? 'switchyard:{limits}:';
  const client = createRedisClient(connection, { commandTimeoutMs: COMMAND_TIMEOUT_MS, connectionName: `switchyard-counters-${instanceId}` });
  const subscriber = createRedisClient(connection, { commandTimeoutMs: 0, connectionName: `switchyard-invalidation-${instanceId}`, offlineQueue: true });
  subscriber.on('error', () => undefined);
  const watch = new ConnectionWatch({ client, logger: options.logger, what: 'budget and rate-limit counters', address: connection.address });
  const counters = new RedisCounterStore({ client, watch, keyPrefix, clock: options.clock });
  const invalidation = new RedisInvalidationBus({ client, subscriber, watch, keyPrefix, instanceId });
  const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
  const connected = Promise.all([ready, invalidation.subscribed]);
  return {
    counters,
    invalidation,
    description: `redis ${connection.address}`,
    connected,
    async ping() {
      // Just after start the first connection may still be on its way: give it the time `open` gives it.
      if (client.status !== 'ready') await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, FIRST_CONNECTION_MS).unref())]);
      if (client.status !== 'ready') throw new GatewayError('store_unavailable', `The shared counters' Redis (${connection.address}) is not connected.`);
      await client.ping();
    },
    async close() {
      watch.stop();
      await invalidation.close();
      await Promise.all([closeRedisClient(client), closeRedisClient(subscriber)]);
    },
  };
}

function connectionFromUrl(url: string): RedisConnection {
  let address: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('scheme');
    address = `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    throw new GatewayError('invalid_config', 'The counter store URL must be a redis:// or rediss:// URL.');
  }
  return { url: new Secret(url, 'redis_url'), host: undefined, port: undefined, password: undefined, address };
}

/** `redis://` and `rediss://` counter stores, for `GatewayOptions.stores`. */
export const redisCounters: CounterStorePlugin = { kind: 'counters', name: 'redis', schemes: ['redis', 'rediss'], open: openRedisCounters, connect: connectCounters };

/**
 * The stores the Express, Koa and server packages pass to core: the host's own, plus Redis
 * counters for a config whose router_settings name a Redis, unless the host brought a counter store.
 */
export function withRedisCounters(stores: readonly StorePlugin[] = []): readonly StorePlugin[] {
  return stores.some((plugin) => plugin.kind === 'counters') ? stores : [...stores, redisCounters];
}
