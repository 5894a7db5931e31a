// Cost cases for Anthropic usage, exact against hand computation from the shipped prices:
// Anthropic usage → the plugin's chat usage → core's extractUsage → priceUsage.
import { createGateway, extractUsage, priceUsage, silentLogger, type ModelPricing } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { anthropic } from './anthropic-provider.js';
import { toChatUsage } from './map-usage.js';

const MODELS = ['claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5', 'claude-opus-4-1', 'claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-haiku-4-5'];

const gateway = createGateway({
  logger: silentLogger,
  providers: [anthropic()],
  config: { model_list: MODELS.map((model) => ({ model_name: model, litellm_params: { model: `anthropic/${model}`, api_key: 'sk-ant-test-key-123456' } })) },
});

function pricingOf(model: string): ModelPricing {
  const pricing = gateway.snapshot().targets.get(model)?.[0]?.pricing;
  if (pricing === undefined) throw new Error(`no pricing for ${model}`);
  return pricing;
}

/** Anthropic's usage fields as a response reports them (`input_tokens` excludes the cache). */
function cost(model: string, usage: { input: number; read?: number; write5m?: number; write1h?: number; output: number }): string | undefined {
  const write5m = usage.write5m ?? 0;
  const write1h = usage.write1h ?? 0;
  const chat = toChatUsage({
    input_tokens: usage.input,
    output_tokens: usage.output,
    cache_read_input_tokens: usage.read ?? 0,
    cache_creation_input_tokens: write5m + write1h,
    cache_write_1h_tokens: write1h,
  });
  return priceUsage(extractUsage(chat)!, pricingOf(model))?.usd;
}

describe('the shipped Claude capability data', () => {
  it('loads through core (schema-valid) with every current model and its dated aliases', () => {
    const models = gateway.snapshot().entries;
    for (const name of [...MODELS, 'claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-7-20260416']) expect(models.has(name), name).toBe(true);
  });
});

describe('Anthropic usage priced exactly', () => {
  it('sonnet-4.5: uncached, cache read, 5-minute and 1-hour writes, output', () => {
    // 1000 × 3e-6 + 2000 × 3e-7 + 400 × 3.75e-6 + 600 × 6e-6 + 300 × 1.5e-5 = 0.003 + 0.0006 + 0.0015 + 0.0036 + 0.0045
    expect(cost('claude-sonnet-4-5', { input: 1000, read: 2000, write5m: 400, write1h: 600, output: 300 })).toBe('0.0132');
  });

  it('sonnet-4.5 above 200k input tokens: the long-context rates, 1-hour writes included', () => {
    // 250,000 in (> 200,000): 200,000 × 6e-6 + 40,000 × 6e-7 + 10,000 × 1.2e-5 + 1000 × 2.25e-5 = 1.2 + 0.024 + 0.12 + 0.0225
    expect(cost('claude-sonnet-4-5', { input: 200_000, read: 40_000, write1h: 10_000, output: 1000 })).toBe('1.3665');
  });

  it('haiku-4.5: 5-minute writes at 1.25×, 1-hour writes at 2× the input rate', () => {
    // 100 × 1e-6 + 400 × 1.25e-6 + 600 × 2e-6 = 0.0001 + 0.0005 + 0.0012
    expect(cost('claude-haiku-4-5', { input: 100, write5m: 400, write1h: 600, output: 0 })).toBe('0.0018');
  });

  it('opus-4.8: thinking is billed as output', () => {
    // 1000 × 5e-6 + 5000 × 2.5e-5 (thinking and text) = 0.005 + 0.125
    expect(cost('claude-opus-4-8', { input: 1000, output: 5000 })).toBe('0.13');
  });

  it('opus-4.1 cache read at a tenth of input, to the attoUSD', () => {
    // 7 × 1.5e-5 + 13 × 1.5e-6 + 3 × 7.5e-5 = 0.000105 + 0.0000195 + 0.000225
    expect(cost('claude-opus-4-1', { input: 7, read: 13, output: 3 })).toBe('0.0003495');
  });

  it('prices 1-hour writes at cache_write when a pricing has no cache_write_1h', () => {
    const usage = extractUsage(toChatUsage({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 10, cache_write_1h_tokens: 10 }))!;
    expect(priceUsage(usage, { input: 1e-6, cache_write: 2e-6 })?.usd).toBe('0.00002');
    expect(priceUsage(usage, { input: 1e-6, cache_write: 2e-6, cache_write_1h: 3e-6 })?.usd).toBe('0.00003');
  });
});
