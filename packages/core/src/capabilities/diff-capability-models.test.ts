import { describe, expect, it } from 'vitest';
import type { ModelCapability } from '../generated/capability.js';
import { diffCapabilityModels, jsonEqual } from './diff-capability-models.js';

const entry = (input: number, extra: Partial<ModelCapability> = {}): ModelCapability => ({ provider: 'openai', mode: 'chat', pricing: { input }, ...extra });

describe('diffCapabilityModels', () => {
  it('lists added, removed and changed models by name, sorted', () => {
    const before = new Map([['b', entry(1)], ['a', entry(1)], ['same', entry(2, { aliases: ['x'] })], ['gone', entry(1)]]);
    const after = new Map([['a', entry(2)], ['same', entry(2, { aliases: ['x'] })], ['new', entry(1)], ['b', entry(1, { aliases: ['b-1'] })]]);
    expect(diffCapabilityModels(before, after)).toEqual({
      added: ['new'],
      removed: ['gone'],
      changed: ['a', 'b'],
      families: { new: null },
      changes: { a: ['pricing.input 1 → 2'], b: ['aliases (unset) → ["b-1"]'] },
    });
  });

  it('names each changed field with its old and new value, and the family of each new model', () => {
    const before = new Map([['gpt-5.5', entry(5e-6, { token_param: 'max_completion_tokens', limits: { max_output_tokens: 128000 } })]]);
    const after = new Map([
      ['gpt-5.5', entry(4e-6, { limits: { max_output_tokens: 64000 } })],
      ['gpt-5.6', entry(5e-6, { extends: 'openai/gpt-5-reasoning' })],
    ]);
    const diff = diffCapabilityModels(before, after);
    expect(diff.changes).toEqual({
      'gpt-5.5': ['pricing.input 5e-6 → 4e-6', 'limits.max_output_tokens 128000 → 64000', 'token_param "max_completion_tokens" → (unset)'],
    });
    expect(diff.families).toEqual({ 'gpt-5.6': 'openai/gpt-5-reasoning' });
  });

  it('compares JSON deeply: key order does not matter, array order and types do', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual(5e-6, 0.000005)).toBe(true);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
