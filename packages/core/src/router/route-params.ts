import type { ModelTarget } from '../capabilities/capability-snapshot.js';

/** The routing fields of one deployment's `litellm_params`, read once per target (not per request). */
export interface RouteParams {
  readonly weight: number | undefined;
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
  /** Priority tier: `order: 1` is tried before `order: 2`; no order sorts last. */
  readonly order: number;
  /** litellm_params.num_retries: retries after this deployment failed, instead of router_settings.num_retries. */
  readonly numRetries: number | undefined;
  readonly tags: readonly string[];
  /** Input + output USD per token, for cost-based-routing; Infinity when unpriced. */
  readonly costPerToken: number;
  /**
   * The id health is kept under: a wildcard's concrete targets (`id[gpt-4o]`) share their
   * deployment's health, so client-chosen names cannot grow the state without bound.
   */
  readonly healthId: string;
}

const cache = new WeakMap<ModelTarget, RouteParams>();

export function routeParams(target: ModelTarget): RouteParams {
  let params = cache.get(target);
  if (params === undefined) {
    params = readParams(target);
    cache.set(target, params);
  }
  return params;
}

function readParams(target: ModelTarget): RouteParams {
  const extra = target.deployment.extraParams;
  const tags = Array.isArray(extra.tags) ? extra.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const pricing = target.pricing;
  const costPerToken = pricing?.input === undefined && pricing?.output === undefined ? Infinity : (pricing?.input ?? 0) + (pricing?.output ?? 0);
  const id = target.deployment.id;
  const bracket = id.endsWith(']') && target.deployment.modelName !== '' ? id.lastIndexOf('[') : -1;
  return {
    weight: positive(extra.weight),
    rpm: positive(extra.rpm),
    tpm: positive(extra.tpm),
    order: positive(extra.order) ?? Number.MAX_SAFE_INTEGER,
    numRetries: positive(extra.num_retries),
    tags,
    costPerToken,
    healthId: bracket > 0 ? id.slice(0, bracket) : id,
  };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
