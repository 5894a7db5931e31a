import { parseAttoUsd } from './atto-usd.js';
import { RATE_NAMES, type ModelPricing, type PriceRates, type PricingTier, type RateName, type ServiceTierPricing } from './model-pricing.js';

/** Rates in attoUSD per token; `undefined` where the pricing has no such rate. */
export type CompiledRates = Readonly<Partial<Record<RateName, bigint>>>;

export interface CompiledTier {
  readonly aboveInputTokens: number;
  readonly rates: CompiledRates;
}

export interface CompiledServiceTier {
  readonly rates: CompiledRates;
  /** Highest threshold first. */
  readonly tiers: readonly CompiledTier[];
}

/** A pricing with every rate parsed into exact attoUSD, ready for the request path. */
export interface CompiledPricing {
  readonly standard: CompiledRates;
  /** Highest threshold first, so the first tier a request exceeds is the one that applies. */
  readonly tiers: readonly CompiledTier[];
  readonly serviceTiers: ReadonlyMap<string, CompiledServiceTier>;
  /** True when the pricing holds no rate at all: the model counts as unpriced. */
  readonly empty: boolean;
  /** The data-residency region whose `regional_uplift` is included in every rate, or null. */
  readonly region: string | null;
}

const compiled = new WeakMap<object, Map<string | undefined, CompiledPricing>>();
const ONE = 10n ** 18n;

/**
 * Parses a pricing once; later calls with the same object return the cached result, so the
 * request path never parses a price. Malformed rates and tiers are left out (the capability
 * schema rejects them before they get here). With a `region` the pricing has an uplift for
 * (`regional_uplift.eu: 1.1`), every rate is multiplied by it, exactly (attoUSD × 1.1 in
 * integers); a region without an uplift prices at the plain rates.
 */
export function compilePricing(pricing: ModelPricing, region?: string): CompiledPricing {
  let byRegion = compiled.get(pricing);
  if (byRegion === undefined) {
    byRegion = new Map();
    compiled.set(pricing, byRegion);
  }
  let result = byRegion.get(region);
  if (result === undefined) {
    result = build(pricing, region);
    byRegion.set(region, result);
  }
  return result;
}

function build(pricing: ModelPricing, region: string | undefined): CompiledPricing {
  const multiplier = region === undefined || !isObject(pricing.regional_uplift) ? undefined : parseAttoUsd(pricing.regional_uplift[region]);
  const compileRates = (rates: PriceRates) => scaleRates(compileRatesOf(rates), multiplier);
  const compileTiers = (list: readonly PricingTier[] | undefined) => compileTiersOf(list, compileRates);
  const standard = compileRates(pricing);
  const tiers = compileTiers(pricing.tiers);
  const serviceTiers = new Map<string, CompiledServiceTier>();
  let empty = Object.keys(standard).length === 0 && tiers.length === 0;
  const services = isObject(pricing.service_tiers) ? pricing.service_tiers : {};
  for (const [name, service] of Object.entries(services as Record<string, ServiceTierPricing>)) {
    if (!isObject(service)) continue;
    const entry = { rates: compileRates(service), tiers: compileTiers(service.tiers) };
    if (Object.keys(entry.rates).length > 0 || entry.tiers.length > 0) empty = false;
    serviceTiers.set(name, entry);
  }
  return { standard, tiers, serviceTiers, empty, region: multiplier === undefined ? null : region! };
}

function scaleRates(rates: CompiledRates, multiplier: bigint | undefined): CompiledRates {
  if (multiplier === undefined || multiplier === ONE) return rates;
  const scaled: Partial<Record<RateName, bigint>> = {};
  for (const name of RATE_NAMES) {
    const rate = rates[name];
    if (rate !== undefined) scaled[name] = (rate * multiplier + ONE / 2n) / ONE;
  }
  return scaled;
}

function compileRatesOf(rates: PriceRates): CompiledRates {
  const result: Partial<Record<RateName, bigint>> = {};
  for (const name of RATE_NAMES) {
    const atto = rates[name] === undefined ? undefined : parseAttoUsd(rates[name]);
    if (atto !== undefined) result[name] = atto;
  }
  return result;
}

function compileTiersOf(tiers: readonly PricingTier[] | undefined, compileRates: (rates: PriceRates) => CompiledRates): CompiledTier[] {
  if (!Array.isArray(tiers)) return [];
  const result: CompiledTier[] = [];
  for (const tier of tiers as readonly unknown[]) {
    if (!isObject(tier)) continue;
    const above = (tier as Partial<PricingTier>).above_input_tokens;
    if (typeof above !== 'number' || !(above >= 0)) continue;
    result.push({ aboveInputTokens: above, rates: compileRates(tier) });
  }
  return result.sort((a, b) => b.aboveInputTokens - a.aboveInputTokens);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
