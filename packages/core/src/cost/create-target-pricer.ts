import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { ModelCapability } from '../generated/capability.js';
import type { Logger } from '../logging/logger.js';
import { compilePricing, type CompiledPricing } from './compile-pricing.js';
import { deploymentPricing } from './deployment-pricing.js';
import type { ModelPricing } from './model-pricing.js';
import { priceCompiled } from './price-usage.js';
import { selectRegion } from './select-region.js';
import type { Usage } from './usage.js';

/** What the upstream said about itself: the `model` its answer reports, and where to look it up. */
export interface ReportedModel {
  readonly model: unknown;
  readonly entries: ReadonlyMap<string, ModelCapability>;
}

/** Prices usage for a target: the cost in USD as a decimal string, or null when unknown. */
export type TargetPricer = (target: ModelTarget, usage: Usage | undefined, serviceTier: string | undefined, reported?: ReportedModel) => string | null;

/**
 * A pricer for one gateway. Each target's pricing (capability + deployment overrides) is
 * merged and compiled on its first priced request and cached per target; a reload brings new
 * targets, the old entries are collected with their snapshot. Each kind of "cost unknown" is
 * logged once per deployment, not once per request.
 */
export function createTargetPricer(logger: Logger): TargetPricer {
  const compiled = new WeakMap<ModelTarget, CompiledPricing | null>();
  const byReportedModel = new WeakMap<ModelTarget, Map<string, CompiledPricing | null>>();
  const warned = new Set<string>();
  const warnOnce = (target: ModelTarget, kind: string, message: string) => {
    const key = `${kind}\u0000${target.deployment.id}`;
    if (warned.has(key)) return;
    warned.add(key);
    logger.warn({ model: target.deployment.modelName, deployment: target.deployment.id }, message);
  };

  /**
   * A deployment with no data of its own (an Azure deployment name, no base_model) is priced as
   * the model its upstream reports, looked up under the deployment's provider only
   * (`azure/gpt-4o-2024-11-20`): an Azure answer never borrows another provider's price. Cached
   * per target and reported name; each guess is logged once.
   */
  const reportedPricing = (target: ModelTarget, reported: ReportedModel | undefined): CompiledPricing | null => {
    const deployment = target.deployment;
    if (reported === undefined || typeof reported.model !== 'string' || reported.model === '' || target.capability !== undefined) return null;
    if (deployment.modelInfo?.base_model !== undefined || deployment.extraParams.base_model !== undefined) return null;
    let cache = byReportedModel.get(target);
    if (cache === undefined) byReportedModel.set(target, (cache = new Map()));
    let pricing = cache.get(reported.model);
    if (pricing === undefined) {
      const name = `${deployment.provider}/${reported.model}`;
      const entry = reported.entries.get(name);
      const merged = deploymentPricing(deployment, entry?.pricing as ModelPricing | undefined);
      pricing = merged === undefined ? null : compilePricing(merged);
      if (pricing?.empty === true) pricing = null;
      // A bounded cache: an upstream inventing a new model name per answer cannot grow it without end.
      if (cache.size < 16) cache.set(reported.model, pricing);
      if (pricing !== null) {
        warnOnce(target, `reported:${name}`, `deployment ${deployment.id} (${deployment.provider}/${deployment.upstreamModel}) has no capability data; it is priced as ${name}, the model its upstream reported. Set model_info.base_model to choose the price yourself.`);
      }
    }
    return pricing;
  };

  return (target, usage, serviceTier, reported) => {
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
    if (pricing === null) pricing = reportedPricing(target, reported);
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
