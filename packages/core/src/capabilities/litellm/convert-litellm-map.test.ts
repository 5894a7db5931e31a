import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../json-schema/create-ajv.js';
import { readSchemaFile } from '../../json-schema/read-schema.js';
import { convertLitellmMap } from './convert-litellm-map.js';

// A trimmed copy of LiteLLM's model_prices_and_context_window.json (2026-08-01) plus malformed entries.
const MAP: unknown = JSON.parse(readFileSync(new URL('./__fixtures__/model_prices_subset.json', import.meta.url), 'utf8'));
const { file, problems } = convertLitellmMap(MAP);

describe('convertLitellmMap', () => {
  it('gives gpt-5.5 its reasoning_effort values, limits, endpoints and every price tier', () => {
    expect(file.models['gpt-5.5']).toEqual({
      extends: 'openai/gpt-5-reasoning',
      provider: 'openai',
      mode: 'chat',
      endpoints: ['chat.completions', 'batch', 'responses'],
      limits: { max_input_tokens: 1050000, max_output_tokens: 128000 },
      pricing: {
        input: 5e-6,
        cached_input: 5e-7,
        output: 3e-5,
        tiers: [{ above_input_tokens: 272000, input: 1e-5, cached_input: 1e-6, output: 4.5e-5 }],
        service_tiers: {
          flex: { input: 2.5e-6, cached_input: 2.5e-7, output: 1.5e-5 },
          priority: { input: 1e-5, cached_input: 1e-6, output: 6e-5 },
          batch: { input: 2.5e-6, output: 1.5e-5 },
        },
        regional_uplift: { eu: 1.1, us: 1.1 },
      },
      features: {
        reasoning: true,
        function_calling: true,
        parallel_tool_calls: true,
        vision: true,
        pdf_input: true,
        prompt_caching: true,
        web_search: true,
        structured_output: true,
        system_messages: true,
        native_streaming: true,
      },
      params: { reasoning_effort: { enum: ['none', 'low', 'medium', 'high', 'xhigh'] } },
    });
  });

  it('gives gpt-5.5-pro medium, high, xhigh, the responses mode and its tier prices', () => {
    const pro = file.models['gpt-5.5-pro']!;
    expect(pro.params).toEqual({ reasoning_effort: { enum: ['medium', 'high', 'xhigh'] } });
    expect(pro.mode).toBe('responses');
    expect(pro.endpoints).toEqual(['responses', 'batch']);
    expect(pro.pricing).toEqual({
      input: 3e-5,
      cached_input: 3e-6,
      output: 1.8e-4,
      tiers: [{ above_input_tokens: 272000, input: 6e-5, cached_input: 6e-6, output: 2.7e-4 }],
      service_tiers: { flex: { input: 1.5e-5, output: 9e-5 }, batch: { input: 1.5e-5, output: 9e-5 } },
      regional_uplift: { eu: 1.1, us: 1.1 },
    });
  });

  it('keeps older reasoning models to the efforts they accept', () => {
    // o3 has no effort flags: neither none nor minimal, and no xhigh.
    expect(file.models.o3?.params).toEqual({ reasoning_effort: { enum: ['low', 'medium', 'high'] } });
    expect(file.models['gpt-4o']?.params).toBeUndefined();
  });

  it('reads long-context tiers of a service tier and reasoning prices', () => {
    expect(file.models['gpt-5.6']?.pricing?.service_tiers?.flex?.tiers?.[0]).toMatchObject({ above_input_tokens: 272000 });
    expect(file.models['azure/gpt-5.5']?.pricing?.service_tiers?.priority?.tiers).toHaveLength(1);
    expect(file.models['gemini-2.5-flash']?.pricing).toMatchObject({ output: 2.5e-6, reasoning_output: 2.5e-6 });
  });

  it('assigns OpenAI models the family their flags and name point to', () => {
    const families = Object.fromEntries(Object.entries(file.models).map(([name, entry]) => [name, entry.extends]));
    expect(families).toMatchObject({
      'gpt-5.5': 'openai/gpt-5-reasoning',
      'gpt-5.6': 'openai/gpt-5-reasoning',
      'azure/gpt-5.5': 'openai/gpt-5-reasoning',
      'gpt-5.5-pro': 'openai/gpt-5-pro',
      o3: 'openai/o-series',
      'gpt-4o': 'openai/gpt-4',
      'text-embedding-3-small': 'openai/embedding',
    });
    expect(families['gemini-2.5-flash']).toBeUndefined();
    expect(file.models['azure/gpt-5.5']?.provider).toBe('azure');
  });

  it('converts embedding models with their input limit and price', () => {
    expect(file.models['text-embedding-3-small']).toMatchObject({
      mode: 'embedding',
      limits: { max_input_tokens: 8191 },
      pricing: { input: 2e-8, service_tiers: { batch: { input: 1e-8 } } },
    });
  });

  it('skips and reports what it cannot serve or read, without failing', () => {
    expect(Object.keys(file.models)).not.toContain('sample_spec');
    for (const skipped of ['gpt-image-1', 'whisper-1', 'broken/not-an-object', 'broken/no-provider', 'broken/no-mode']) {
      expect(file.models[skipped]).toBeUndefined();
      expect(problems).toContainEqual(expect.objectContaining({ model: skipped, skipped: true }));
    }
    expect(problems.find((problem) => problem.model === 'gpt-image-1')?.message).toMatch(/mode "image_generation"/);
    expect(problems.some((problem) => problem.model === 'sample_spec')).toBe(false);
  });

  it('keeps an entry with a bad value and reports the value', () => {
    expect(file.models['broken/bad-values']).toEqual({ provider: 'openai', mode: 'chat', pricing: { output: 2e-6 } });
    const messages = problems.filter((problem) => problem.model === 'broken/bad-values').map((problem) => problem.message);
    expect(messages).toEqual([
      'ignored max_input_tokens: expected a positive whole number, got -5',
      'ignored max_output_tokens: expected a positive whole number, got 4096.5',
      'ignored input_cost_per_token: expected a non-negative number, got "cheap"',
    ]);
  });

  it('produces a file the capability schema accepts', () => {
    const validate = createAjv().compile(readSchemaFile('capability.schema.json') as object);
    expect(validate(file), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('reports a map that is not an object instead of throwing', () => {
    expect(convertLitellmMap([1, 2]).problems).toEqual([expect.objectContaining({ skipped: true })]);
  });
});
