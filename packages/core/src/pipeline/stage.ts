import type { GatewayContext } from './gateway-context.js';
import type { Middleware } from './compose.js';

/**
 * The built-in stages, in their fixed default order. `cost` wraps everything after auth and body, so it
 * sees every outcome of a model request (failures included) and the final response. `limits`
 * (virtual keys' model access, budgets, rate limits) runs once the model group is known.
 */
export const STAGE_NAMES = ['requestId', 'auth', 'body', 'cost', 'resolve', 'limits', 'cache', 'route', 'validate', 'provider'] as const;
export type BuiltinStageName = (typeof STAGE_NAMES)[number];

export type Stage = Middleware<GatewayContext>;

export interface NamedStage {
  readonly name: string;
  readonly run: Stage;
}

/**
 * Where a host puts its own stage: before or after a named stage, or in its place.
 * Exactly one of `before`, `after`, `replace` is set.
 *
 * ```ts
 * stages: [{ name: 'team-header', after: 'cost', run: async (ctx, next) => { await next(); ctx.setHeader('x-team', 'ml') } }]
 * ```
 */
export type StagePlacement =
  | { name: string; run: Stage; before: string; after?: never; replace?: never }
  | { name: string; run: Stage; after: string; before?: never; replace?: never }
  | { name?: string; run: Stage; replace: string; before?: never; after?: never };
