import { litellmPricing } from '../capabilities/litellm/litellm-pricing.js';
import type { Deployment } from '../config/deployment.js';
import { RATE_NAMES, type ModelPricing, type PriceRates, type PricingTier, type ServiceTierPricing } from './model-pricing.js';

/**
 * The pricing a deployment is charged at: the capability's, overridden key by key by the
 * deployment's own prices — `model_info.pricing` (Switchyard shape), then LiteLLM price keys in
 * `model_info`, then in `litellm_params` (the last one set wins). Undefined when neither has a
 * price. Runs once per deployment and snapshot, never per request.
 */
export function deploymentPricing(deployment: Deployment, capabilityPricing: ModelPricing | undefined): ModelPricing | undefined {
  let pricing = capabilityPricing;
  const modelInfo = deployment.modelInfo ?? {};
  const switchyardPricing = modelInfo.pricing;
  if (typeof switchyardPricing === 'object' && switchyardPricing !== null && !Array.isArray(switchyardPricing)) {
    pricing = mergePricing(pricing, switchyardPricing as ModelPricing);
  }
  pricing = mergePricing(pricing, litellmPricing(modelInfo));
  return mergePricing(pricing, litellmPricing(deployment.extraParams));
}

/** Key-by-key merge: a rate the override sets wins; every rate it leaves out is kept. */
export function mergePricing(base: ModelPricing | undefined, override: ModelPricing | undefined): ModelPricing | undefined {
  if (override === undefined) return base;
  if (base === undefined) return override;
  const merged: { -readonly [key in keyof ModelPricing]: ModelPricing[key] } = mergeRates(base, override);
  const tiers = mergeTiers(base.tiers, override.tiers);
  if (tiers !== undefined) merged.tiers = tiers;
  const names = new Set([...Object.keys(base.service_tiers ?? {}), ...Object.keys(override.service_tiers ?? {})]);
  if (names.size > 0) {
    const serviceTiers: Record<string, ServiceTierPricing> = {};
    for (const name of names) {
      const baseTier = base.service_tiers?.[name];
      const overrideTier = override.service_tiers?.[name];
      const rates: { -readonly [key in keyof ServiceTierPricing]: ServiceTierPricing[key] } = mergeRates(baseTier ?? {}, overrideTier ?? {});
      const serviceTierTiers = mergeTiers(baseTier?.tiers, overrideTier?.tiers);
      if (serviceTierTiers !== undefined) rates.tiers = serviceTierTiers;
      serviceTiers[name] = rates;
    }
    merged.service_tiers = serviceTiers;
  }
  if (base.regional_uplift !== undefined || override.regional_uplift !== undefined) {
    merged.regional_uplift = { ...base.regional_uplift, ...override.regional_uplift };
  }
  return merged;
}

function mergeRates(base: PriceRates, override: PriceRates): PriceRates {
  const rates: { -readonly [key in keyof PriceRates]: number } = {};
  for (const name of RATE_NAMES) {
    const value = override[name] ?? base[name];
    if (value !== undefined) rates[name] = value;
  }
  return rates;
}

function mergeTiers(base: readonly PricingTier[] | undefined, override: readonly PricingTier[] | undefined): PricingTier[] | undefined {
  if (base === undefined && override === undefined) return undefined;
  const byThreshold = new Map<number, PricingTier>();
  for (const tier of base ?? []) byThreshold.set(tier.above_input_tokens, tier);
  for (const tier of override ?? []) {
    const previous = byThreshold.get(tier.above_input_tokens);
    byThreshold.set(tier.above_input_tokens, { above_input_tokens: tier.above_input_tokens, ...mergeRates(previous ?? {}, tier) });
  }
  return [...byThreshold.values()].sort((a, b) => a.above_input_tokens - b.above_input_tokens);
}
