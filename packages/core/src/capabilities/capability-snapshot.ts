import type { Deployment } from '../config/deployment.js';
import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';

export interface PreparedRequest {
  /** The body to send upstream (a copy when anything changed). */
  readonly body: Record<string, unknown>;
  /** Parameters removed under drop_params, for the `x-switchyard-dropped-params` header. */
  readonly dropped: readonly string[];
}

/** A deployment joined with its capability entry, with its validators compiled. */
export interface ModelTarget {
  readonly deployment: Deployment;
  /** `undefined` when no capability data was found: the base schema alone applies. */
  readonly capability: ModelCapability | undefined;
  /** Checks a request body for this target; throws UnsupportedParamsError. */
  prepare(endpoint: Endpoint, body: Record<string, unknown>, options: { readonly dropParams: boolean }): PreparedRequest;
}

/**
 * Everything the request path needs to know about models, immutable. A reload builds a new
 * snapshot and swaps it in; a request keeps the one it started with.
 */
export interface CapabilitySnapshot {
  readonly version: number;
  readonly createdAt: Date;
  /** Deployments by client-facing `model_name`, in config order. */
  readonly targets: ReadonlyMap<string, readonly ModelTarget[]>;
  /** Every known capability entry by model name and alias. */
  readonly entries: ReadonlyMap<string, ModelCapability>;
}
