import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { Logger } from '../logging/logger.js';
import { compilePricing, type CompiledPricing } from './compile-pricing.js';
import { deploymentPricing } from './deployment-pricing.js';
import type { ModelPricing } from './model-pricing.js';
import { priceCompiled } from './price-usage.js';
import { selectRegion } from './select-region.js';
import type { Usage } from './usage.js';

/** Prices usage for a target: the cost in USD as a decimal string, or null when unknown. */
export type TargetPricer = (target: ModelTarget, usage: Usage | undefined, serviceTier: string | undefined) => string | null;

/**
 * A pricer for one gateway. Each target's pricing (capability + deployment overrides) is
 * merged and compiled on its first priced request and cached per target; a reload brings new
 * targets, the old entries are collected with their snapshot. Each kind of "cost unknown" is
 * logged once per deployment, not once per request.
 */
export function createTargetPricer(logger: Logger): TargetPricer {
  const compiled = new WeakMap<ModelTarget, CompiledPricing | null>();
  const warned = new Set<string>();
  const warnOnce = (target: ModelTarget, kind: string, message: string) => {
    const key = `${kind}\u0000${target.deployment.id}`;
    if (warned.has(key)) return;
    warned.add(key);
    logger.warn({ model: target.deployment.modelName, deployment: target.deployment.id }, message);
  };

  return (target, usage, serviceTier) => {
    const deployment = target.deployment;
    if (usage === undefined) {
      warnOnce(target, 'usage', `deployment ${deployment.id} (${deployment.provider}/${deployment.upstreamModel}) returned no usage; its cost is reported as null`);
      return null;
    }
    let pricing = compiled.get(target);
    if (pricing === undefined) {
      // target.pricing is merged when the snapshot is built; the fallback serves targets built without it.
      const merged = target.pricing ?? deploymentPricing(deployment, capabilityPricing(target));
      pricing = merged === undefined ? null : compilePricing(merged, selectRegion(deployment));
      if (pricing?.empty === true) pricing = null;
      compiled.set(target, pricing);
    }
    if (pricing === null) {
      warnOnce(target, 'price', `model ${deployment.provider}/${deployment.upstreamModel} (deployment ${deployment.id}) has no price; its cost is reported as null. Add pricing to its capability entry or input_cost_per_token/output_cost_per_token to its model_info.`);
      return null;
    }
    const result = priceCompiled(usage, pricing, serviceTier);
    if (typeof result === 'string') {
      warnOnce(target, `rate:${result}`, `model ${deployment.provider}/${deployment.upstreamModel} (deployment ${deployment.id}) has no ${result} price but used such tokens; its cost is reported as null`);
      return null;
    }
    return result.usd;
  };
}

function capabilityPricing(target: ModelTarget): ModelPricing | undefined {
  const pricing = (target.capability as { pricing?: unknown } | undefined)?.pricing;
  return typeof pricing === 'object' && pricing !== null && !Array.isArray(pricing) ? (pricing as ModelPricing) : undefined;
}
