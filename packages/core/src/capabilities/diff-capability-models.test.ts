import { describe, expect, it } from 'vitest';
import type { ModelCapability } from '../generated/capability.js';
import { diffCapabilityModels, jsonEqual } from './diff-capability-models.js';

const entry = (input: number, extra: Partial<ModelCapability> = {}): ModelCapability => ({ provider: 'openai', mode: 'chat', pricing: { input }, ...extra });

describe('diffCapabilityModels', () => {
  it('lists added, removed and changed models by name, sorted', () => {
    const before = new Map([['b', entry(1)], ['a', entry(1)], ['same', entry(2, { aliases: ['x'] })], ['gone', entry(1)]]);
    const after = new Map([['a', entry(2)], ['same', entry(2, { aliases: ['x'] })], ['new', entry(1)], ['b', entry(1, { aliases: ['b-1'] })]]);
    expect(diffCapabilityModels(before, after)).toEqual({ added: ['new'], removed: ['gone'], changed: ['a', 'b'] });
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
