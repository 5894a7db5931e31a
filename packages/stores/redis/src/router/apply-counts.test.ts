import { RouterState } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { applyCooldown, applyCounts } from './apply-counts.js';
import { PendingBatch } from './pending-counts.js';

const MINUTE = 29_000_000;
const NOW = MINUTE * 60_000 + 5_000;

function health(id = 'dep-a') {
  const value = new RouterState().of(id);
  value.roll(NOW);
  return value;
}

describe('applyCounts', () => {
  it("takes the cluster's totals plus what this instance counted since the batch left", () => {
    const target = health();
    const batch = new PendingBatch();
    const sent = batch.of(target);
    const since = new PendingBatch().of(target);
    since.requests = 2;
    since.classes.set('RateLimitError', 1);
    since.failures = 1;
    applyCounts({ sent, reply: [['r', '10', 't', '500', 'f', '3', 'c:RateLimitError', '2'], 4, ''], since, ownInFlight: 1, now: NOW });
    expect(target).toMatchObject({ requests: 12, tokens: 500, failures: 4, inFlight: 5 });
    expect(target.classFailures.get('RateLimitError')).toBe(3);
  });

  it('ignores counts of a minute that has turned (the new minute starts from zero)', () => {
    const target = health();
    const sent = new PendingBatch().of(target);
    target.requests = 1;
    applyCounts({ sent, reply: [['r', '40'], 0, ''], since: undefined, ownInFlight: 0, now: NOW + 60_000 });
    expect(target.requests).toBe(0);
  });
});

describe('applyCooldown', () => {
  it('only ever makes a cooldown longer, and says where it came from', () => {
    const target = health();
    applyCooldown(target, `${NOW + 30_000}|upstream answered 429`, NOW);
    expect(target).toMatchObject({ cooldownUntil: NOW + 30_000, cooldownReason: 'upstream answered 429 (on another instance)' });
    applyCooldown(target, `${NOW + 10_000}|shorter`, NOW);
    applyCooldown(target, `${NOW - 1}|already over`, NOW);
    applyCooldown(target, 'garbage', NOW);
    expect(target.cooldownUntil).toBe(NOW + 30_000);
  });
});

describe('PendingBatch.keep', () => {
  it("puts back this minute's counts for the next batch and drops older ones", () => {
    const target = health();
    const unsent = new PendingBatch().of(target);
    unsent.requests = 3;
    unsent.tokens = 70;
    const next = new PendingBatch();
    next.keep(unsent, MINUTE);
    next.keep(unsent, MINUTE + 1);
    expect(next.find(target, MINUTE)).toMatchObject({ requests: 3, tokens: 70 });
  });
});
