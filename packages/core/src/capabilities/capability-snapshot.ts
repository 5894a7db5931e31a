import type { Deployment } from '../config/deployment.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import type { WildcardTargets } from './wildcard-targets.js';

export interface PreparedRequest {
  /** The body to send upstream (a copy when anything changed; the client's body is never modified). */
  readonly body: Record<string, unknown>;
  /** Parameters removed under drop_params, for the `x-switchyard-dropped-params` header. */
  readonly dropped: readonly string[];
}

/** A deployment joined with its capability entry, with its validators compiled. */
export interface ModelTarget {
  readonly deployment: Deployment;
  /**
   * The shipped (or plugin, or file) entry merged with the deployment's `model_info` overrides.
   * `undefined` when no capability data was found: the base schema alone applies.
   */
  readonly capability: ModelCapability | undefined;
  /** The capability entry's name (the upstream model, or the entry an alias points to). */
  readonly capabilityName: string | undefined;
  /**
   * What this deployment is charged at: the capability's pricing overridden by the deployment's
   * own prices (`model_info.pricing`, LiteLLM price keys in `model_info` and `litellm_params`).
   * Present even without capability data when the config prices the deployment.
   */
  readonly pricing: ModelPricing | undefined;
  /** Checks a request body for this target; throws UnsupportedParamsError (or `unsupported_endpoint`). */
  prepare(endpoint: Endpoint, body: Record<string, unknown>, options: { readonly dropParams: boolean }): PreparedRequest;
}

/**
 * Everything the request path needs to know about models, immutable. A reload builds a new
 * snapshot and swaps it in; a request keeps the one it started with.
 */
export interface CapabilitySnapshot {
  readonly version: number;
  readonly createdAt: Date;
  /** Deployments by exact client-facing `model_name`, in config order (wildcards are in `wildcards`). */
  readonly targets: ReadonlyMap<string, readonly ModelTarget[]>;
  /** Deployments whose `model_name` holds `*`: concrete models compiled on first request, cached here. */
  readonly wildcards: WildcardTargets;
  /**
   * The targets for a requested name: an exact `model_name` (one Map lookup), else the most
   * specific wildcard that matches it.
   */
  lookup(model: string): readonly ModelTarget[] | undefined;
  /**
   * Why a name is not served when its deployments were left out at start-up because no provider
   * plugin serves them (router_settings.ignore_invalid_deployments): the reason to tell a client.
   */
  notServed(model: string): string | undefined;
  /** Every known capability entry by model name and alias. */
  readonly entries: ReadonlyMap<string, ModelCapability>;
  /** Every known capability entry by its own name only (no aliases), in source order. */
  readonly models: ReadonlyMap<string, ModelCapability>;
}
