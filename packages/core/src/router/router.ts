import type { Clock } from '../di/tokens.js';
import { RouterState } from './deployment-health.js';
import type { RandomSource } from './strategies.js';

/** What the route stage and `GET /health/deployments` share: one per gateway. */
export interface Router {
  readonly state: RouterState;
  readonly random: RandomSource;
  readonly clock: Clock;
}

export function createRouter(options: { random: RandomSource; clock: Clock }): Router {
  return { state: new RouterState(), random: options.random, clock: options.clock };
}
