import type { Clock } from '../di/tokens.js';
import type { Logger } from '../logging/logger.js';
import type { RouterState } from './deployment-health.js';
import type { RedisConnection } from './redis-connection.js';
import type { RouterStateFactory, RouterStateSync } from './router-state-sync.js';

export interface ShareRouterStateOptions {
  readonly connection: RedisConnection | undefined;
  readonly factory: RouterStateFactory | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * How the router's state is shared: not at all without router_settings.redis_*; through the
 * host's factory (`GatewayOptions.routerState`) with them. A Redis in the config and no factory
 * (a host calling createGateway without `@switchyard/store-redis`) is said once, at start.
 * The connection is read once: changing it takes a restart.
 */
export function shareRouterState(options: ShareRouterStateOptions): ((state: RouterState) => RouterStateSync) | undefined {
  const { connection, factory, clock, logger } = options;
  if (connection === undefined) return undefined;
  if (factory === undefined) {
    logger.warn(
      { redis: connection.address },
      'router_settings names a Redis but no shared router state was given (GatewayOptions.routerState: redisRouterState from @switchyard/store-redis): cooldowns, in-flight counts and per-minute usage are kept per process',
    );
    return undefined;
  }
  return (state) => factory({ connection, state, clock, logger });
}
