import { formatAttoUsd } from './atto-usd.js';
import { compilePricing, type CompiledPricing, type CompiledTier } from './compile-pricing.js';
import type { ModelPricing, RateName } from './model-pricing.js';
import type { Usage } from './usage.js';

/** Each part of a cost in attoUSD (1 USD = 10^18); `formatAttoUsd` turns one into a string. */
export interface CostBreakdown {
  /** Input tokens neither read from nor written to the cache. */
  readonly input: bigint;
  readonly cachedInput: bigint;
  readonly cacheWrite: bigint;
  /** Output tokens, reasoning included unless the model prices reasoning separately. */
  readonly output: bigint;
  readonly reasoningOutput: bigint;
}

export interface Cost {
  /** The exact total in USD as a decimal string: "0.000123375". */
  readonly usd: string;
  /** The same total in attoUSD, for exact sums. */
  readonly attoUsd: bigint;
  readonly breakdown: CostBreakdown;
  /** `above_input_tokens` of the long-context tier that priced the request, or null. */
  readonly tier: number | null;
  /** The service tier whose rates applied (flex, priority), or null for standard rates. */
  readonly serviceTier: string | null;
}

export interface PriceOptions {
  /** The `service_tier` the upstream reported (flex, priority, default, …). */
  readonly serviceTier?: string | undefined;
  /** The data-residency region billed (`eu`, `us`), selecting the pricing's `regional_uplift`. */
  readonly region?: string | undefined;
}

/**
 * Prices one request's usage, exactly. Returns null when the pricing lacks a rate the usage
 * needs (output tokens but no output rate): an unknown cost, never a silent 0.
 *
 * - input: uncached × input + cached × cached_input + cache-write × cache_write, where
 *   `inputTokens` counts all three (OpenAI's `prompt_tokens`); cached_input and cache_write
 *   fall back to input.
 * - output: outputTokens × output; where the pricing has reasoning_output, the reasoning part
 *   of outputTokens is priced at it instead.
 * - a long-context tier applies to the whole request once inputTokens > above_input_tokens.
 * - a service tier (from the response's `service_tier`) prices at its own rates. `fast` is
 *   OpenAI's name for priority processing: without a `fast` tier of its own it prices as
 *   `priority`.
 * - every rate includes the region's uplift when the pricing was compiled for one.
 * A rate missing at one level falls back: service tier's long-context tier → long-context tier
 * → service tier → standard.
 */
export function priceUsage(usage: Usage, pricing: ModelPricing, options: PriceOptions = {}): Cost | null {
  const result = priceCompiled(usage, compilePricing(pricing, options.region), options.serviceTier);
  return typeof result === 'string' ? null : result;
}

/** `priceUsage` on a compiled pricing; returns the name of the missing rate instead of null. */
export function priceCompiled(usage: Usage, pricing: CompiledPricing, serviceTierName: string | undefined): Cost | RateName {
  const inputTokens = usage.inputTokens;
  if (serviceTierName === 'fast' && !pricing.serviceTiers.has('fast')) serviceTierName = 'priority';
  const service = serviceTierName === undefined ? undefined : pricing.serviceTiers.get(serviceTierName);
  const tier = matchTier(pricing.tiers, inputTokens);
  const serviceLongContext = service === undefined ? undefined : matchTier(service.tiers, inputTokens);
  const rate = (name: RateName): bigint | undefined =>
    serviceLongContext?.rates[name] ?? tier?.rates[name] ?? service?.rates[name] ?? pricing.standard[name];

  const cached = Math.min(usage.cachedInputTokens, inputTokens);
  const written = Math.min(usage.cacheWriteTokens, inputTokens - cached);
  const written1h = Math.min(usage.cacheWrite1hTokens ?? 0, written);
  const uncached = inputTokens - cached - written;
  const reasoningRate = rate('reasoning_output');
  const reasoning = reasoningRate === undefined ? 0 : Math.min(usage.reasoningTokens, usage.outputTokens);
  const plainOutput = usage.outputTokens - reasoning;

  const inputRate = rate('input');
  const cachedRate = rate('cached_input') ?? inputRate;
  const writeRate = rate('cache_write') ?? inputRate;
  const write1hRate = rate('cache_write_1h') ?? writeRate;
  const outputRate = rate('output');
  if (uncached > 0 && inputRate === undefined) return 'input';
  if (cached > 0 && cachedRate === undefined) return 'cached_input';
  if (written - written1h > 0 && writeRate === undefined) return 'cache_write';
  if (written1h > 0 && write1hRate === undefined) return 'cache_write_1h';
  if (plainOutput > 0 && outputRate === undefined) return 'output';

  const breakdown: CostBreakdown = {
    input: times(uncached, inputRate),
    cachedInput: times(cached, cachedRate),
    // 5-minute writes at cache_write, 1-hour writes at cache_write_1h.
    cacheWrite: times(written - written1h, writeRate) + times(written1h, write1hRate),
    output: times(plainOutput, outputRate),
    reasoningOutput: times(reasoning, reasoningRate),
  };
  const attoUsd = breakdown.input + breakdown.cachedInput + breakdown.cacheWrite + breakdown.output + breakdown.reasoningOutput;
  return {
    usd: formatAttoUsd(attoUsd),
    attoUsd,
    breakdown,
    tier: (serviceLongContext ?? tier)?.aboveInputTokens ?? null,
    serviceTier: service === undefined ? null : (serviceTierName ?? null),
  };
}

function matchTier(tiers: readonly CompiledTier[], inputTokens: number): CompiledTier | undefined {
  for (const tier of tiers) if (inputTokens > tier.aboveInputTokens) return tier;
  return undefined;
}

function times(tokens: number, rate: bigint | undefined): bigint {
  return tokens === 0 || rate === undefined ? 0n : BigInt(tokens) * rate;
}
