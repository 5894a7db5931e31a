import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keepValidEntries, parseCapabilitySource } from './parse-capability-source.js';

const SUBSET = readFileSync(new URL('./litellm/__fixtures__/model_prices_subset.json', import.meta.url), 'utf8');
const parse = (text: string, format?: 'switchyard' | 'litellm') => parseCapabilitySource(text, { source: 'prices.json', format });
const refusal = (text: string, format?: 'switchyard' | 'litellm') => {
  try {
    parse(text, format);
  } catch (error) {
    return error as { code: string; status: number; message: string };
  }
  throw new Error('expected the source to be refused');
};

describe('parseCapabilitySource', () => {
  it('detects a LiteLLM map, converts it and reports the entries it left out without refusing the source', () => {
    const parsed = parse(SUBSET);
    expect(parsed.format).toBe('litellm');
    expect(parsed.loaded.file.models['gpt-5.5']?.params?.reasoning_effort?.enum).toEqual(['none', 'low', 'medium', 'high', 'xhigh']);
    expect(parsed.loaded.file.models['gpt-image-1']).toBeUndefined();
    expect(parsed.problems).toContainEqual(expect.objectContaining({ source: 'prices.json', model: 'gpt-image-1', skipped: true }));
    expect(parsed.problems).toContainEqual(expect.objectContaining({ model: 'broken/no-provider', skipped: true }));
  });

  it('leaves out a converted entry the schema refuses, naming the path, and keeps the rest', () => {
    const file = { models: { good: { provider: 'openai', mode: 'chat' }, odd: { provider: 'openai', mode: 'chat', limits: { max_output_tokens: 1.5 } } } } as never;
    const kept = keepValidEntries(file, 'prices.json');
    expect(Object.keys(kept.file.models)).toEqual(['good']);
    expect(kept.problems).toEqual([
      { source: 'prices.json', model: 'odd', skipped: true, message: 'skipped: the converted entry is invalid: models.odd.limits.max_output_tokens must be integer' },
    ]);
  });

  it('refuses bad JSON with the line and column', () => {
    const error = refusal('{\n  "models": {\n    "x": { "provider": "a", "mode": "chat" },\n  }\n}');
    expect(error).toMatchObject({ code: 'invalid_capabilities', status: 422 });
    expect(error.message).toMatch(/^Capability source prices\.json is not valid JSON: .* \(line 4, column 3\)\.$/);
  });

  it('refuses a Switchyard file with a schema violation, naming its JSON path', () => {
    const error = refusal(JSON.stringify({ models: { 'gpt-5.6': { provider: 'openai', mode: 'chat', limits: { max_output_tokens: 'lots' } } } }));
    expect(error.message).toContain('Invalid capability file prices.json:\n  - models["gpt-5.6"].limits.max_output_tokens must be integer');
  });

  it('refuses content of an unknown format, and a format that does not fit the content', () => {
    expect(refusal('{"gpt-5.6": {"provider": "openai"}}').message).toMatch(/is neither a Switchyard capability file .* nor a LiteLLM cost map/);
    expect(refusal('[1, 2]', 'litellm').message).toBe('Capability source prices.json: a LiteLLM cost map must be a JSON object of model entries.');
    expect(refusal(SUBSET, 'switchyard').message).toMatch(/^Invalid capability file prices\.json:\n {2}- models is required/);
  });
});
