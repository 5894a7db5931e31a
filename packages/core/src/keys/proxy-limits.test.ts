import { describe, expect, it } from 'vitest';
import { parseDuration } from './budget-duration.js';
import { proxyBudgetWindow, readProxyLimits } from './proxy-limits.js';

const at = (iso: string) => Date.parse(iso);
const window = (duration: string, now: string) => {
  const { startsAt, endsAt } = proxyBudgetWindow(parseDuration(duration, 'budget_duration'), at(now));
  return [new Date(startsAt).toISOString(), endsAt === null ? null : new Date(endsAt).toISOString()];
};

describe('proxy budget windows (UTC calendar grid, the same on every instance and after a restart)', () => {
  it('no duration: one window from the start of time that never ends', () => {
    expect(proxyBudgetWindow(null, at('2026-12-02T10:00:00Z'))).toEqual({ startsAt: 0, endsAt: null });
  });

  it.each([
    ['30s', '2026-12-02T10:00:47.500Z', '2026-12-02T10:00:30.000Z', '2026-12-02T10:01:00.000Z'],
    ['7s', '2026-12-02T10:00:58.000Z', '2026-12-02T10:00:56.000Z', '2026-12-02T10:01:00.000Z'],
    ['30m', '2026-12-02T10:29:59.000Z', '2026-12-02T10:00:00.000Z', '2026-12-02T10:30:00.000Z'],
    ['24h', '2026-12-02T23:59:59.000Z', '2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ['7h', '2026-12-02T22:30:00.000Z', '2026-12-02T21:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ['1d', '2026-12-02T10:00:00.000Z', '2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ['7d', '2026-12-02T10:00:00.000Z', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'], // Wednesday → Monday
    ['7d', '2026-12-06T23:00:00.000Z', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'], // Sunday
    ['30d', '2026-12-31T23:00:00.000Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['1mo', '2026-02-14T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['3mo', '2026-12-02T00:00:00.000Z', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s at %s: [%s, %s)', (duration, now, startsAt, endsAt) => {
    expect(window(duration, now)).toEqual([startsAt, endsAt]);
  });

  it('other Nd windows are counted from 1970, so they do not move with the start time', () => {
    const [startsAt, endsAt] = window('3d', '2026-12-02T10:00:00Z');
    expect((Date.parse(startsAt!) / 86_400_000) % 3).toBe(0);
    expect(Date.parse(endsAt!) - Date.parse(startsAt!)).toBe(3 * 86_400_000);
    expect(Date.parse(startsAt!)).toBeLessThanOrEqual(at('2026-12-02T10:00:00Z'));
  });
});

describe('readProxyLimits', () => {
  it('reads max_budget exactly, the duration, and the parallel limit', () => {
    expect(readProxyLimits({ max_budget: 0.3, budget_duration: '30d' }, { global_max_parallel_requests: 8 })).toEqual({
      maxBudget: 300_000_000_000_000_000n,
      budgetDuration: { value: 30, unit: 'd' },
      maxParallelRequests: 8,
    });
    expect(readProxyLimits(undefined, undefined)).toEqual({ maxBudget: null, budgetDuration: null, maxParallelRequests: null });
  });

  it('refuses a zero-length duration naming the key', () => {
    expect(() => readProxyLimits({ max_budget: 1, budget_duration: '0d' }, undefined)).toThrow(/litellm_settings\.budget_duration/);
  });
});
