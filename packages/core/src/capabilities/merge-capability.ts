import { mergePricing } from '../cost/deployment-pricing.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import type { CapabilityFields, ModelCapability } from '../generated/capability.js';

export type ModelCapabilityPatch = Partial<ModelCapability>;

/**
 * A capability entry with a partial one laid over it: objects (limits, features, params and each
 * param's spec) merge key by key, pricing merges rate by rate (tiers by threshold), lists
 * (aliases, enum values, rules, unsupported_params) are replaced. Neither input is changed.
 */
export function mergeCapability<T extends CapabilityFields>(base: T, patch: CapabilityFields): T {
  const merged = mergeObjects(base as unknown as Record<string, unknown>, patch as Record<string, unknown>);
  if (patch.pricing !== undefined) {
    merged.pricing = mergePricing(base.pricing as ModelPricing | undefined, patch.pricing as ModelPricing);
  }
  return merged as unknown as T;
}

function mergeObjects(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const previous = merged[key];
    merged[key] = isPlainObject(previous) && isPlainObject(value) ? mergeObjects(previous, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
