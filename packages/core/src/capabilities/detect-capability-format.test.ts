import { describe, expect, it } from 'vitest';
import { detectCapabilityFormat } from './detect-capability-format.js';

describe('detectCapabilityFormat', () => {
  it('recognizes a Switchyard file by its top-level models object, even next to a misspelt key', () => {
    expect(detectCapabilityFormat({ models: { 'gpt-5.5': { provider: 'openai', mode: 'chat' } } })).toBe('switchyard');
    expect(detectCapabilityFormat({ $schema: 'x', models: {} })).toBe('switchyard');
    expect(detectCapabilityFormat({ models: {}, descripton: 'typo' })).toBe('switchyard');
  });

  it('recognizes a LiteLLM map by its entries', () => {
    expect(detectCapabilityFormat({ 'gpt-5.5': { litellm_provider: 'openai', mode: 'chat' } })).toBe('litellm');
    expect(detectCapabilityFormat({ sample_spec: { max_tokens: 'LEGACY' }, 'my-model': { input_cost_per_token: 1e-6 } })).toBe('litellm');
    // A LiteLLM model that happens to be called "models".
    expect(detectCapabilityFormat({ models: { litellm_provider: 'acme', mode: 'chat' } })).toBe('litellm');
  });

  it('says neither for anything else', () => {
    expect(detectCapabilityFormat({})).toBeUndefined();
    expect(detectCapabilityFormat([{ litellm_provider: 'openai' }])).toBeUndefined();
    expect(detectCapabilityFormat({ 'gpt-5.5': { provider: 'openai', mode: 'chat' } })).toBeUndefined();
    expect(detectCapabilityFormat('models')).toBeUndefined();
  });
});
