/**
 * The `pricing` of a capability entry, as the JSON holds it: USD per token, snake_case keys.
 * Declared here (not taken from generated/capability.ts) so cost code compiles whatever shape
 * the generated type has at the moment; the generated type must stay assignable to this one.
 */
export interface PriceRates {
  readonly input?: number;
  readonly cached_input?: number;
  readonly cache_write?: number;
  /** Cache writes with a 1-hour TTL (Anthropic); falls back to `cache_write`. */
  readonly cache_write_1h?: number;
  readonly output?: number;
  /** Only where a model prices reasoning tokens differently from other output tokens. */
  readonly reasoning_output?: number;
}

/** Rates for the whole request once its input tokens exceed `above_input_tokens`. */
export interface PricingTier extends PriceRates {
  readonly above_input_tokens: number;
}

/** A service tier's rates (flex, priority, batch); a missing rate falls back to standard. */
export interface ServiceTierPricing extends PriceRates {
  /** Long-context tiers of this service tier, where the provider publishes them. */
  readonly tiers?: PricingTier[];
}

export interface ModelPricing extends PriceRates {
  readonly tiers?: PricingTier[];
  readonly service_tiers?: Readonly<Record<string, ServiceTierPricing>>;
  /** Multipliers of every rate by data-residency region (`{ "eu": 1.1 }`); see selectRegion. */
  readonly regional_uplift?: Readonly<Record<string, number>>;
}

/** The rate names of `PriceRates`, in a fixed order. */
export const RATE_NAMES = ['input', 'cached_input', 'cache_write', 'cache_write_1h', 'output', 'reasoning_output'] as const;
export type RateName = (typeof RATE_NAMES)[number];
