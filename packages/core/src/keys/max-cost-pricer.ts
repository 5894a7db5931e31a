import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import { compilePricing, type CompiledPricing, type CompiledRates } from '../cost/compile-pricing.js';
import { deploymentPricing } from '../cost/deployment-pricing.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import { selectRegion } from '../cost/select-region.js';

/** The most a request of `inputTokens` in and `outputTokens` out can cost on a target, in attoUSD; 0 when unpriced. */
export type MaxCostPricer = (target: ModelTarget, inputTokens: number, outputTokens: number, serviceTier: string | undefined) => bigint;

/**
 * An upper bound priced straight from the compiled rates, without building a usage: every
 * input token at the dearest input rate (plain, cached, cache write, 1-hour cache write) and
 * every output token at the dearer of output and reasoning output, in the long-context tier
 * the input estimate falls in and the service tier asked for. A target without an input or an
 * output rate counts as unpriced (its cost is unknown; budgets cannot hold it back).
 */
export function createMaxCostPricer(): MaxCostPricer {
  const compiled = new WeakMap<ModelTarget, CompiledPricing | null>();
  return (target, inputTokens, outputTokens, serviceTier) => {
    let pricing = compiled.get(target);
    if (pricing === undefined) {
      const merged = target.pricing ?? deploymentPricing(target.deployment, capabilityPricing(target));
      pricing = merged === undefined ? null : compilePricing(merged, selectRegion(target.deployment));
      if (pricing?.empty === true) pricing = null;
      compiled.set(target, pricing);
    }
    if (pricing === null) return 0n;
    const service = serviceTier === undefined ? undefined : (pricing.serviceTiers.get(serviceTier) ?? (serviceTier === 'fast' ? pricing.serviceTiers.get('priority') : undefined));
    const layers: CompiledRates[] = [];
    const serviceTierRates = service?.tiers.find((tier) => inputTokens > tier.aboveInputTokens)?.rates;
    if (serviceTierRates !== undefined) layers.push(serviceTierRates);
    const tierRates = pricing.tiers.find((tier) => inputTokens > tier.aboveInputTokens)?.rates;
    if (tierRates !== undefined) layers.push(tierRates);
    if (service !== undefined) layers.push(service.rates);
    layers.push(pricing.standard);
    const rate = (name: keyof CompiledRates): bigint | undefined => {
      for (const rates of layers) if (rates[name] !== undefined) return rates[name];
      return undefined;
    };
    const input = max(rate('input'), rate('cached_input'), rate('cache_write'), rate('cache_write_1h'));
    const output = max(rate('output'), rate('reasoning_output'));
    if ((inputTokens > 0 && input === undefined) || (outputTokens > 0 && output === undefined)) return 0n;
    return BigInt(inputTokens) * (input ?? 0n) + BigInt(outputTokens) * (output ?? 0n);
  };
}

function max(...rates: (bigint | undefined)[]): bigint | undefined {
  let highest: bigint | undefined;
  for (const rate of rates) if (rate !== undefined && (highest === undefined || rate > highest)) highest = rate;
  return highest;
}

function capabilityPricing(target: ModelTarget): ModelPricing | undefined {
  const pricing = (target.capability as { pricing?: unknown } | undefined)?.pricing;
  return typeof pricing === 'object' && pricing !== null && !Array.isArray(pricing) ? (pricing as ModelPricing) : undefined;
}
