import { describe, expect, it } from 'vitest';
import { durationMs, nextResetAt, parseDuration } from './budget-duration.js';

const at = (iso: string) => Date.parse(iso);
const next = (duration: string, now: string) => new Date(nextResetAt(parseDuration(duration, 'budget_duration'), at(now))).toISOString();

describe('budget windows on LiteLLM boundaries (UTC)', () => {
  it('seconds, minutes and hours align to the minute, hour and day', () => {
    expect(next('30s', '2026-12-02T10:00:10.500Z')).toBe('2026-12-02T10:00:30.000Z');
    expect(next('30s', '2026-12-02T10:00:30.000Z')).toBe('2026-12-02T10:01:00.000Z');
    expect(next('30m', '2026-12-02T10:14:00.000Z')).toBe('2026-12-02T10:30:00.000Z');
    expect(next('30m', '2026-12-02T23:45:00.000Z')).toBe('2026-12-03T00:00:00.000Z');
    expect(next('24h', '2026-12-02T10:00:00.000Z')).toBe('2026-12-03T00:00:00.000Z');
    // 7h from 22:00 carries into the next day at 04:00, as LiteLLM's arithmetic does.
    expect(next('7h', '2026-12-02T22:00:00.000Z')).toBe('2026-12-03T04:00:00.000Z');
  });

  it('1d at the next midnight, 7d on the next Monday, 30d and Nmo on the first of a month', () => {
    expect(next('1d', '2026-12-02T10:00:00.000Z')).toBe('2026-12-03T00:00:00.000Z');
    expect(next('7d', '2026-12-02T10:00:00.000Z')).toBe('2026-12-07T00:00:00.000Z'); // Wednesday → Monday
    expect(next('7d', '2026-12-07T00:00:00.000Z')).toBe('2026-12-14T00:00:00.000Z'); // Monday → next Monday
    expect(next('7d', '2026-12-06T23:00:00.000Z')).toBe('2026-12-07T00:00:00.000Z'); // Sunday → tomorrow
    expect(next('30d', '2026-12-15T10:00:00.000Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('1mo', '2026-01-31T10:00:00.000Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('3mo', '2026-11-15T10:00:00.000Z')).toBe('2027-02-01T00:00:00.000Z');
    expect(next('2d', '2026-12-02T10:00:00.000Z')).toBe('2026-12-04T00:00:00.000Z');
  });

  it('refuses what is not a duration, and gives expiry lengths', () => {
    for (const text of ['', '30', 'd', '0d', '1w', '-1d', 'monthly']) expect(() => parseDuration(text, 'budget_duration'), text).toThrow(/budget_duration/);
    expect(durationMs(parseDuration('1h', 'duration'))).toBe(3_600_000);
    expect(durationMs(parseDuration('1mo', 'duration'))).toBe(30 * 86_400_000);
  });
});
