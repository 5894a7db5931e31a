import type { Clock } from '../di/tokens.js';
import type { Logger } from '../logging/logger.js';
import type { DeploymentHealth, RouterState } from './deployment-health.js';
import type { RedisConnection } from './redis-connection.js';
import type { ErrorClass } from './router-settings.js';

/**
 * The seam for router state shared between gateway instances (router_settings.redis_*). The
 * route stage keeps every deployment's `DeploymentHealth` in process and reads only that when it
 * picks; it tells the sync what happened (after updating the local counters), and a shared sync
 * folds the other instances' counts and cooldowns back into the same objects. The default,
 * `LOCAL_ROUTER_STATE`, does nothing: one instance's own counts are the whole truth.
 *
 * Rules for an implementation: the notification methods are called on the request path, so they
 * must not block or throw (queue and batch instead); `refresh` and `admit` may make one round
 * trip but must settle within a bounded time and never reject; when the shared store is
 * unreachable, routing goes on with the local counts.
 */
export interface RouterStateSync {
  /** `true` when the counts are shared with other instances (the route stage then waits for `refresh` after a failure). */
  readonly shared: boolean;
  /** A call started (`requests` and `inFlight` already counted locally); `admitted` when `admit` counted it already. */
  started(health: DeploymentHealth, admitted: boolean): void;
  /** A call ended (`inFlight` already decremented locally). */
  ended(health: DeploymentHealth): void;
  /** An answer's tokens (already added to `tokens`). */
  tokensUsed(health: DeploymentHealth, tokens: number): void;
  /** A counted failure (`failures` and the class count already bumped). */
  failed(health: DeploymentHealth, errorClass: ErrorClass): void;
  /** The deployment was cooled down locally (`cooldownUntil`, `cooldownReason` set): tell the others. */
  cooled(health: DeploymentHealth): void;
  /** Resolves once `health` holds the cluster's counts, including everything reported so far. */
  refresh(health: DeploymentHealth): Promise<void>;
  /**
   * For a pick under an rpm/tpm limit (usage-based-routing-v2): counts the request against the
   * deployment's cluster-wide minute only if it fits, atomically. `admitted`: counted there;
   * `full`: no room counting every instance (and `health` now shows it); `local`: the store
   * could not be asked, the local check stands. Absent when the state is local.
   */
  admit?(health: DeploymentHealth, limits: AdmitLimits): Promise<AdmitResult>;
  /** Stops timers and closes connections (gateway.close()). */
  close(): Promise<void>;
}

export interface AdmitLimits {
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
}

export type AdmitResult = 'admitted' | 'full' | 'local';

/** What a shared implementation is built from, once per gateway. */
export interface RouterStateFactoryOptions {
  readonly connection: RedisConnection;
  /** The gateway's deployment health: remote cooldowns for deployments not yet seen here are put into it. */
  readonly state: RouterState;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Builds shared router state: `redisRouterState` from `@switchyard/store-redis` (the Express,
 * Koa and standalone packages pass it by default); `GatewayOptions.routerState` for hosts that
 * call `createGateway` themselves.
 */
export type RouterStateFactory = (options: RouterStateFactoryOptions) => RouterStateSync;

const settled = Promise.resolve();

/** The in-process default: nothing to tell anyone. */
export const LOCAL_ROUTER_STATE: RouterStateSync = {
  shared: false,
  started: () => undefined,
  ended: () => undefined,
  tokensUsed: () => undefined,
  failed: () => undefined,
  cooled: () => undefined,
  refresh: () => settled,
  close: () => settled,
};
