import type { Clock } from '../di/tokens.js';
import { RouterState } from './deployment-health.js';
import type { RouterStateSync } from './router-state-sync.js';
import type { RandomSource } from './strategies.js';

/** What the route stage and `GET /health/deployments` share: one per gateway. */
export interface Router {
  readonly state: RouterState;
  readonly random: RandomSource;
  readonly clock: Clock;
  /** Local by default; shared through Redis with router_settings.redis_* (see router-state-sync.ts). */
  readonly sync: RouterStateSync;
}

export interface CreateRouterOptions {
  readonly random: RandomSource;
  readonly clock: Clock;
  /** Builds the shared state for this router's deployment health, when the config asks for it. */
  readonly shareState?: (state: RouterState) => RouterStateSync;
}

export function createRouter(options: CreateRouterOptions): Router {
  const state = new RouterState();
  if (options.shareState !== undefined) state.sync = options.shareState(state);
  return { state, random: options.random, clock: options.clock, sync: state.sync };
}
