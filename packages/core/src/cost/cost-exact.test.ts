import { describe, expect, it } from 'vitest';
import { litellmPricing } from '../capabilities/litellm/litellm-pricing.js';
import { testDeployment } from '../testing/test-deployment.js';
import { extractUsage } from './extract-usage.js';
import type { ModelPricing } from './model-pricing.js';
import { priceUsage } from './price-usage.js';
import { selectRegion } from './select-region.js';

// gpt-5.6 in LiteLLM's model_prices_and_context_window.json (USD per token).
const GPT_5_6: ModelPricing = {
  input: 5e-6,
  cached_input: 5e-7,
  cache_write: 6.25e-6,
  output: 3e-5,
  service_tiers: { priority: { input: 1e-5, cached_input: 1e-6, cache_write: 1.25e-5, output: 6e-5 } },
  regional_uplift: { eu: 1.1, us: 1.1 },
};

describe('cache_write_tokens (issue 9, item 15)', () => {
  it('reads the spec name from prompt_tokens_details and input_tokens_details', () => {
    const chat = extractUsage({ prompt_tokens: 1000, completion_tokens: 70, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 300 } });
    const responses = extractUsage({ input_tokens: 1000, output_tokens: 70, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 300 } });
    expect(chat?.cacheWriteTokens).toBe(300);
    expect(responses?.cacheWriteTokens).toBe(300);
  });

  it('bills written tokens at the cache-write rate: 700 × 5e-6 + 300 × 6.25e-6 + 70 × 3e-5', () => {
    const usage = extractUsage({ input_tokens: 1000, output_tokens: 70, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 300 } })!;
    // 0.0035 + 0.001875 + 0.0021; as plain input it would be 0.0071.
    expect(priceUsage(usage, GPT_5_6)?.usd).toBe('0.007475');
  });
});

describe('service_tier fast (item 16)', () => {
  const usage = { inputTokens: 1000, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 200, reasoningTokens: 0 };

  it('prices as priority: 1000 × 1e-5 + 200 × 6e-5', () => {
    expect(priceUsage(usage, GPT_5_6, { serviceTier: 'fast' })).toMatchObject({ usd: '0.022', serviceTier: 'priority' });
  });

  it('uses a fast tier of its own where the pricing has one', () => {
    const pricing: ModelPricing = { ...GPT_5_6, service_tiers: { ...GPT_5_6.service_tiers, fast: { input: 2e-5, output: 1e-4 } } };
    expect(priceUsage(usage, pricing, { serviceTier: 'fast' })).toMatchObject({ usd: '0.04', serviceTier: 'fast' });
  });
});

describe('regional uplift (item 17)', () => {
  const usage = { inputTokens: 1000, cachedInputTokens: 400, cacheWriteTokens: 0, outputTokens: 200, reasoningTokens: 0 };

  it('multiplies every rate exactly: (600 × 5e-6 + 400 × 5e-7 + 200 × 3e-5) × 1.1', () => {
    expect(priceUsage(usage, GPT_5_6)?.usd).toBe('0.0092');
    expect(priceUsage(usage, GPT_5_6, { region: 'eu' })?.usd).toBe('0.01012');
    // priority rates with the uplift: (600 × 1e-5 + 400 × 1e-6 + 200 × 6e-5) × 1.1 = 0.0184 × 1.1
    expect(priceUsage(usage, GPT_5_6, { region: 'us', serviceTier: 'priority' })?.usd).toBe('0.02024');
    // A region the model has no uplift for prices at the plain rates.
    expect(priceUsage(usage, GPT_5_6, { region: 'apac' })?.usd).toBe('0.0092');
  });

  it("reads LiteLLM's regional_processing_uplift_multiplier_<region> keys", () => {
    expect(litellmPricing({ input_cost_per_token: 5e-6, regional_processing_uplift_multiplier_eu: 1.1, regional_processing_uplift_multiplier_us: 1.1 })).toEqual({
      input: 5e-6,
      regional_uplift: { eu: 1.1, us: 1.1 },
    });
    const problems: string[] = [];
    expect(litellmPricing({ input_cost_per_token: 5e-6, regional_processing_uplift_multiplier_eu: 0.5 }, (message) => problems.push(message))).toEqual({ input: 5e-6 });
    expect(problems).toEqual(['ignored regional_processing_uplift_multiplier_eu: expected a multiplier of at least 1, got 0.5']);
  });

  it('selects the region from model_info.region, else an OpenAI regional api_base', () => {
    const deployment = (apiBase: string | undefined, modelInfo?: Record<string, unknown>) =>
      testDeployment({ id: 'd', modelName: 'm', upstreamModel: 'gpt-5.5', extraParams: {}, modelInfo, apiBase });
    expect(selectRegion(deployment(undefined, { region: 'eu' }))).toBe('eu');
    expect(selectRegion(deployment('https://eu.api.openai.com/v1'))).toBe('eu');
    expect(selectRegion(deployment('https://us.api.openai.com/v1'))).toBe('us');
    expect(selectRegion(deployment('https://eu.api.openai.com/v1', { region: 'none' }))).toBeUndefined();
    expect(selectRegion(deployment('https://api.openai.com/v1'))).toBeUndefined();
    expect(selectRegion(deployment(undefined))).toBeUndefined();
  });
});
