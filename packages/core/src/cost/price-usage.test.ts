import { describe, expect, it } from 'vitest';
import { formatAttoUsd } from './atto-usd.js';
import { extractUsage } from './extract-usage.js';
import type { ModelPricing } from './model-pricing.js';
import { priceUsage } from './price-usage.js';
import type { Usage } from './usage.js';

// Published prices (USD per token), as in the shipped capability files.
const GPT_5_5: ModelPricing = {
  input: 5e-6,
  cached_input: 5e-7,
  output: 3e-5,
  tiers: [{ above_input_tokens: 272000, input: 1e-5, cached_input: 1e-6, output: 4.5e-5 }],
  service_tiers: {
    flex: { input: 2.5e-6, cached_input: 2.5e-7, output: 1.5e-5 },
    priority: { input: 1e-5, cached_input: 1e-6, output: 6e-5 },
    batch: { input: 2.5e-6, output: 1.5e-5 },
  },
};
const GPT_5_5_PRO: ModelPricing = {
  input: 3e-5,
  cached_input: 3e-6,
  output: 1.8e-4,
  tiers: [{ above_input_tokens: 272000, input: 6e-5, cached_input: 6e-6, output: 2.7e-4 }],
  service_tiers: { flex: { input: 1.5e-5, output: 9e-5 } },
};

function usage(fields: Partial<Usage>): Usage {
  return { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, ...fields };
}

function usd(value: Usage, pricing: ModelPricing, serviceTier?: string): string | undefined {
  return priceUsage(value, pricing, { serviceTier })?.usd;
}

describe('priceUsage, worked by hand', () => {
  it('plain: 1,234 × $5/M + 567 × $30/M = 0.00617 + 0.01701', () => {
    expect(usd(usage({ inputTokens: 1234, outputTokens: 567 }), GPT_5_5)).toBe('0.02318');
  });

  it('cached: 3,856 × $5/M + 6,144 cached × $0.50/M + 321 × $30/M', () => {
    // 0.01928 + 0.003072 + 0.00963
    expect(usd(usage({ inputTokens: 10000, cachedInputTokens: 6144, outputTokens: 321 }), GPT_5_5)).toBe('0.031982');
  });

  it('cached tokens fall back to the input rate when the model has no cached rate', () => {
    expect(usd(usage({ inputTokens: 1000, cachedInputTokens: 1000 }), { input: 2e-6, output: 8e-6 })).toBe('0.002');
  });

  it('reasoning tokens are part of the output tokens and are not charged twice', () => {
    // 100 × 5e-6 + 1,500 × 3e-5 = 0.0005 + 0.045 (1,200 of the 1,500 are reasoning)
    expect(usd(usage({ inputTokens: 100, outputTokens: 1500, reasoningTokens: 1200 }), GPT_5_5)).toBe('0.0455');
  });

  it('reasoning tokens at their own rate where the model has one', () => {
    // 100 × 1e-6 + 300 × 4e-6 + 1,200 × 3.5e-6 = 0.0001 + 0.0012 + 0.0042
    const pricing = { input: 1e-6, output: 4e-6, reasoning_output: 3.5e-6 };
    expect(usd(usage({ inputTokens: 100, outputTokens: 1500, reasoningTokens: 1200 }), pricing)).toBe('0.0055');
  });

  it('tier boundary: exactly 272,000 input tokens is standard, 272,001 reprices the whole request', () => {
    // 272,000 × 5e-6 + 1,000 × 3e-5 = 1.36 + 0.03
    const atBoundary = priceUsage(usage({ inputTokens: 272000, outputTokens: 1000 }), GPT_5_5);
    expect(atBoundary?.usd).toBe('1.39');
    expect(atBoundary?.tier).toBeNull();
    // 272,001 × 1e-5 + 1,000 × 4.5e-5 = 2.72001 + 0.045
    const above = priceUsage(usage({ inputTokens: 272001, outputTokens: 1000 }), GPT_5_5);
    expect(above?.usd).toBe('2.76501');
    expect(above?.tier).toBe(272000);
  });

  it('the tier counts cached tokens and reprices them too', () => {
    // 72,001 × 1e-5 + 200,000 × 1e-6 + 1,000 × 4.5e-5 = 0.72001 + 0.2 + 0.045
    expect(usd(usage({ inputTokens: 272001, cachedInputTokens: 200000, outputTokens: 1000 }), GPT_5_5)).toBe('0.96501');
    // gpt-5.5-pro: 272,001 × 6e-5 + 10 × 2.7e-4 = 16.32006 + 0.0027
    expect(usd(usage({ inputTokens: 272001, outputTokens: 10 }), GPT_5_5_PRO)).toBe('16.32276');
  });

  it('flex and priority at their own rates', () => {
    const request = usage({ inputTokens: 1000, cachedInputTokens: 400, outputTokens: 100 });
    // 600 × 2.5e-6 + 400 × 2.5e-7 + 100 × 1.5e-5 = 0.0015 + 0.0001 + 0.0015
    expect(priceUsage(request, GPT_5_5, { serviceTier: 'flex' })).toMatchObject({ usd: '0.0031', serviceTier: 'flex' });
    // 600 × 1e-5 + 400 × 1e-6 + 100 × 6e-5 = 0.006 + 0.0004 + 0.006
    expect(usd(request, GPT_5_5, 'priority')).toBe('0.0124');
    // standard: 600 × 5e-6 + 400 × 5e-7 + 100 × 3e-5 = 0.003 + 0.0002 + 0.003
    expect(priceUsage(request, GPT_5_5, { serviceTier: 'default' })).toMatchObject({ usd: '0.0062', serviceTier: null });
  });

  it('a service tier without a rate falls back to the standard rate', () => {
    // gpt-5.5-pro flex has no cached rate: 600 × 1.5e-5 + 400 × 3e-6 + 100 × 9e-5 = 0.009 + 0.0012 + 0.009
    expect(usd(usage({ inputTokens: 1000, cachedInputTokens: 400, outputTokens: 100 }), GPT_5_5_PRO, 'flex')).toBe('0.0192');
    // and no priority tier at all: standard rates, 1,000 × 3e-5
    expect(usd(usage({ inputTokens: 1000 }), GPT_5_5_PRO, 'priority')).toBe('0.03');
  });

  it('a service tier with its own long-context rates uses them above the threshold', () => {
    const pricing: ModelPricing = {
      ...GPT_5_5,
      service_tiers: { flex: { input: 2.5e-6, output: 1.5e-5, tiers: [{ above_input_tokens: 272000, input: 5e-6, output: 2.25e-5 }] } },
    };
    // 300,000 × 5e-6 + 1,000 × 2.25e-5 = 1.5 + 0.0225
    expect(usd(usage({ inputTokens: 300000, outputTokens: 1000 }), pricing, 'flex')).toBe('1.5225');
  });

  it('embeddings: input tokens × rate', () => {
    const embedding = extractUsage({ prompt_tokens: 12345, total_tokens: 12345 })!;
    expect(usd(embedding, { input: 2e-8 })).toBe('0.0002469');
  });

  it('Responses API usage is priced the same way', () => {
    const responses = extractUsage({
      input_tokens: 2000,
      input_tokens_details: { cached_tokens: 1024 },
      output_tokens: 300,
      output_tokens_details: { reasoning_tokens: 128 },
      total_tokens: 2300,
    })!;
    // 976 × 5e-6 + 1,024 × 5e-7 + 300 × 3e-5 = 0.00488 + 0.000512 + 0.009
    expect(usd(responses, GPT_5_5)).toBe('0.014392');
  });

  it('cache writes at the cache-write rate, counted inside the prompt tokens', () => {
    const pricing = { input: 3e-6, cached_input: 3e-7, cache_write: 3.75e-6, output: 1.5e-5 };
    const withWrites = extractUsage({
      prompt_tokens: 10000,
      completion_tokens: 100,
      prompt_tokens_details: { cached_tokens: 2000 },
      cache_creation_input_tokens: 3000,
    })!;
    // 5,000 × 3e-6 + 2,000 × 3e-7 + 3,000 × 3.75e-6 + 100 × 1.5e-5 = 0.015 + 0.0006 + 0.01125 + 0.0015
    const cost = priceUsage(withWrites, pricing)!;
    expect(cost.usd).toBe('0.02835');
    expect(formatAttoUsd(cost.breakdown.cacheWrite)).toBe('0.01125');
  });

  it('is exact where float multiplication drifts', () => {
    // 1e-7 × 1,000,000 in floats is 0.09999999999999999
    expect(1e-7 * 1_000_000).not.toBe(0.1);
    expect(usd(usage({ inputTokens: 1_000_000 }), { input: 1e-7 })).toBe('0.1');
    // gpt-5.5 flex, 4,321 in + 432 out: floats give 0.017282500000000003
    expect(4321 * 2.5e-6 + 432 * 1.5e-5).not.toBe(0.0172825);
    expect(usd(usage({ inputTokens: 4321, outputTokens: 432 }), GPT_5_5, 'flex')).toBe('0.0172825');
  });

  it('unknown, not 0, when the pricing lacks a rate the usage needs', () => {
    expect(priceUsage(usage({ inputTokens: 10, outputTokens: 5 }), {})).toBeNull();
    expect(priceUsage(usage({ inputTokens: 10, outputTokens: 5 }), { input: 1e-6 })).toBeNull();
    expect(usd(usage({ inputTokens: 10 }), { input: 1e-6 })).toBe('0.00001');
  });
});

describe('extractUsage', () => {
  it('reads chat usage with its details', () => {
    expect(
      extractUsage({
        prompt_tokens: 50,
        completion_tokens: 20,
        total_tokens: 70,
        prompt_tokens_details: { cached_tokens: 32, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 12 },
      }),
    ).toEqual({ inputTokens: 50, cachedInputTokens: 32, cacheWriteTokens: 0, outputTokens: 20, reasoningTokens: 12 });
  });

  it('accepts missing or null details', () => {
    expect(extractUsage({ prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: null })).toEqual({
      inputTokens: 5,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 1,
      reasoningTokens: 0,
    });
  });

  it('returns undefined for no usage or counts that are not whole numbers', () => {
    expect(extractUsage(null)).toBeUndefined();
    expect(extractUsage({ total_tokens: 3 })).toBeUndefined();
    expect(extractUsage({ prompt_tokens: -1, completion_tokens: 2 })).toBeUndefined();
    expect(extractUsage({ input_tokens: 1.5, output_tokens: 2 })).toBeUndefined();
  });
});
