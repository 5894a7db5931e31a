import { describe, expect, it } from 'vitest';
import { recordFromJson, recordToJson } from './record-json.js';

describe('recordToJson / recordFromJson', () => {
  it('round-trips bigints at any depth, beyond 64 bits, beside every other JSON value', () => {
    const record = {
      cost: 10n ** 25n + 1n,
      none: null,
      text: 'say "$atto"',
      list: [1n, 'two', { nested: 3n }, [4n]],
      modelMaxBudget: { 'gpt-4o': { budgetLimit: 2n * 10n ** 18n, timePeriod: '1d' } },
      attempts: [{ deployment: 'a', status: 429, errorCode: null, fallback: false }],
      tags: [],
    };
    const text = recordToJson(record);
    expect(text).toContain('{"$atto":"10000000000000000000000001"}');
    expect(recordFromJson(text)).toEqual(record);
  });

  it('leaves an object with more than the tag, and a "__proto__" key, as plain data', () => {
    expect(recordFromJson('{"a":{"$atto":"5","b":1}}')).toEqual({ a: { $atto: '5', b: 1 } });
    const parsed = recordFromJson<Record<string, unknown>>('{"__proto__":{"x":{"$atto":"7"}}}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ x: 7n });
  });
});
