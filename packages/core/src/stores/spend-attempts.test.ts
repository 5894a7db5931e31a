import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../router/attempt-record.js';
import { MAX_SPEND_ATTEMPTS, spendAttemptsFromJson, toSpendAttempts } from './spend-attempts.js';

const attempt = (index: number, overrides: Partial<AttemptRecord> = {}): AttemptRecord => ({
  deployment: `d-${index}`,
  modelGroup: 'gpt-4o',
  status: 500,
  durationMs: index + 0.4,
  errorCode: 'server_error',
  fallback: false,
  ...overrides,
});

describe('toSpendAttempts', () => {
  it('keeps every attempt in order, durations in whole milliseconds', () => {
    const stored = toSpendAttempts([attempt(0, { status: 429, errorCode: 'rate_limit_exceeded', durationMs: 12.6 }), attempt(1, { status: 200, errorCode: null })]);
    expect(stored).toEqual([
      { deployment: 'd-0', modelGroup: 'gpt-4o', status: 429, errorCode: 'rate_limit_exceeded', durationMs: 13, fallback: false },
      { deployment: 'd-1', modelGroup: 'gpt-4o', status: 200, errorCode: null, durationMs: 1, fallback: false },
    ]);
  });

  it('keeps at most ten: the first nine and the last, the one that answered', () => {
    const many = Array.from({ length: 25 }, (_, index) => attempt(index, index === 24 ? { status: 200, errorCode: null, fallback: true } : {}));
    const stored = toSpendAttempts(many);
    expect(stored).toHaveLength(MAX_SPEND_ATTEMPTS);
    expect(stored.map((entry) => entry.deployment)).toEqual([...Array.from({ length: 9 }, (_, index) => `d-${index}`), 'd-24']);
    expect(stored.at(-1)).toMatchObject({ status: 200, fallback: true });
  });

  it('cuts long names and codes, so a row stays small whatever a config names its deployments', () => {
    const [stored] = toSpendAttempts([attempt(0, { deployment: 'x'.repeat(1000), modelGroup: 'g'.repeat(300), errorCode: 'c'.repeat(200) })]);
    expect(stored?.deployment).toHaveLength(128);
    expect(stored?.modelGroup).toHaveLength(128);
    expect(stored?.errorCode).toHaveLength(64);
    expect(JSON.stringify(toSpendAttempts(Array.from({ length: 50 }, () => attempt(0, { deployment: 'x'.repeat(1000) })))).length).toBeLessThan(4_000);
  });
});

describe('spendAttemptsFromJson', () => {
  it('reads what was stored, as text or as a parsed value', () => {
    const stored = toSpendAttempts([attempt(0), attempt(1, { status: 200, errorCode: null })]);
    expect(spendAttemptsFromJson(JSON.stringify(stored))).toEqual(stored);
    expect(spendAttemptsFromJson(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(spendAttemptsFromJson('[]')).toEqual([]);
  });

  it('is undefined for a row written before attempts were stored, or a value it did not write', () => {
    expect(spendAttemptsFromJson(null)).toBeUndefined();
    expect(spendAttemptsFromJson(undefined)).toBeUndefined();
    expect(spendAttemptsFromJson('not json')).toBeUndefined();
    expect(spendAttemptsFromJson('{"deployment":"a"}')).toBeUndefined();
    expect(spendAttemptsFromJson([{ deployment: 'a' }])).toBeUndefined();
  });
});
