import type { ModelPricing, PriceRates, PricingTier, RateName, ServiceTierPricing } from '../../cost/model-pricing.js';

/**
 * LiteLLM's price keys: a base name, an optional long-context suffix (`_above_272k_tokens`)
 * and an optional service-tier suffix (`_flex`, `_priority`, `_batches`). Keys such as
 * `cache_creation_input_token_cost_above_1hr` (a cache lifetime, not a token tier) do not match
 * and are ignored with every other unknown key.
 */
const PRICE_KEY =
  /^(input_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost|output_cost_per_token|output_cost_per_reasoning_token)(?:_above_(\d+)k_tokens)?(?:_(flex|priority|batches))?$/;

const RATE_BY_BASE_KEY: Readonly<Record<string, RateName>> = {
  input_cost_per_token: 'input',
  cache_read_input_token_cost: 'cached_input',
  cache_creation_input_token_cost: 'cache_write',
  output_cost_per_token: 'output',
  output_cost_per_reasoning_token: 'reasoning_output',
};

/** LiteLLM's data-residency surcharge: `regional_processing_uplift_multiplier_eu: 1.1`. */
const UPLIFT_KEY = /^regional_processing_uplift_multiplier_([a-z][a-z0-9_]*)$/;

const SERVICE_TIER_BY_SUFFIX: Readonly<Record<string, string>> = { flex: 'flex', priority: 'priority', batches: 'batch' };

type MutableRates = { -readonly [name in RateName]?: number };

interface RateGroup {
  rates: MutableRates;
  tiers: Map<number, MutableRates>;
}

/**
 * Builds a Switchyard pricing from the LiteLLM price keys of one object (a cost-map entry, a
 * deployment's `model_info` or `litellm_params`). Returns undefined when it holds no price.
 * A price that is not a non-negative number is left out and passed to `report`.
 */
export function litellmPricing(entry: Readonly<Record<string, unknown>>, report?: (message: string) => void): ModelPricing | undefined {
  const standard: RateGroup = { rates: {}, tiers: new Map() };
  const services = new Map<string, RateGroup>();
  let found = false;
  let uplift: Record<string, number> | undefined;
  for (const key of Object.keys(entry)) {
    const match = PRICE_KEY.exec(key);
    if (match === null) {
      // Most keys are neither prices nor uplifts: a prefix test before the regex.
      const region = key.startsWith('regional_') ? UPLIFT_KEY.exec(key)?.[1] : undefined;
      if (region === undefined || entry[key] === null || entry[key] === undefined) continue;
      const multiplier = toPrice(entry[key]);
      if (multiplier === undefined || multiplier < 1) report?.(`ignored ${key}: expected a multiplier of at least 1, got ${JSON.stringify(entry[key])}`);
      else (uplift ??= {})[region] = multiplier;
      continue;
    }
    const value = entry[key];
    if (value === null || value === undefined) continue;
    const price = toPrice(value);
    if (price === undefined) {
      report?.(`ignored ${key}: expected a non-negative number, got ${JSON.stringify(value)}`);
      continue;
    }
    const service = match[3] === undefined ? undefined : SERVICE_TIER_BY_SUFFIX[match[3]];
    let group = standard;
    if (service !== undefined) {
      group = services.get(service) ?? { rates: {}, tiers: new Map() };
      services.set(service, group);
    }
    const rates = match[2] === undefined ? group.rates : tierRates(group, Number(match[2]) * 1000);
    rates[RATE_BY_BASE_KEY[match[1]!]!] = price;
    found = true;
  }
  if (!found) return undefined;
  const pricing: { -readonly [key in keyof ModelPricing]: ModelPricing[key] } = { ...standard.rates };
  const tiers = toTiers(standard.tiers);
  if (tiers !== undefined) pricing.tiers = tiers;
  if (services.size > 0) {
    const serviceTiers: Record<string, ServiceTierPricing> = {};
    for (const [name, group] of services) {
      const serviceTierTiers = toTiers(group.tiers);
      serviceTiers[name] = serviceTierTiers === undefined ? { ...group.rates } : { ...group.rates, tiers: serviceTierTiers };
    }
    pricing.service_tiers = serviceTiers;
  }
  if (uplift !== undefined) pricing.regional_uplift = uplift;
  return pricing;
}

function tierRates(group: RateGroup, aboveInputTokens: number): MutableRates {
  let rates = group.tiers.get(aboveInputTokens);
  if (rates === undefined) {
    rates = {};
    group.tiers.set(aboveInputTokens, rates);
  }
  return rates;
}

function toTiers(tiers: ReadonlyMap<number, PriceRates>): PricingTier[] | undefined {
  if (tiers.size === 0) return undefined;
  return [...tiers]
    .sort(([a], [b]) => a - b)
    .map(([aboveInputTokens, rates]) => ({ above_input_tokens: aboveInputTokens, ...rates }));
}

/** YAML may quote a price ("5e-6"); the cost map never does. */
function toPrice(value: unknown): number | undefined {
  const price = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof price === 'number' && Number.isFinite(price) && price >= 0 ? price : undefined;
}
