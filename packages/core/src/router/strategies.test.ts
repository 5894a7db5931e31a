import { describe, expect, it } from 'vitest';
import { createModelTarget } from '../capabilities/create-model-target.js';
import { testDeployment } from '../testing/test-deployment.js';
import { DeploymentHealth } from './deployment-health.js';
import { pickCandidate } from './pick-candidate.js';
import { routeParams } from './route-params.js';
import { readRouterSettings, type RouterSettings } from './router-settings.js';
import type { Candidate } from './strategies.js';

function candidate(id: string, extra: Record<string, unknown> = {}, pricing?: { input: number; output: number }): Candidate {
  const target = createModelTarget({ deployment: testDeployment({ id, extraParams: extra }), capability: undefined, capabilityName: undefined, pricing });
  return { target, params: routeParams(target), health: new DeploymentHealth() };
}

/** A seeded PRNG (mulberry32), so every distribution below is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = 1_800_000_000_000;
function picks(candidates: Candidate[], settings: RouterSettings, count = 1000, random = seeded(42)): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let index = 0; index < count; index++) {
    const pick = pickCandidate(candidates, new Set(), { now: NOW, random, settings, estimatedTokens: 0 });
    if (pick.kind !== 'picked') throw new Error(pick.kind);
    const id = pick.candidate.target.deployment.id;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}
const strategy = (name: string, args: Record<string, unknown> = {}) => readRouterSettings({ routing_strategy: name, routing_strategy_args: args });

describe('routing strategies', () => {
  it('simple-shuffle: by weight, else rpm, else uniform', () => {
    const weighted = picks([candidate('a', { weight: 9 }), candidate('b', { weight: 1 })], strategy('simple-shuffle'));
    expect(weighted.a! / 1000).toBeCloseTo(0.9, 1);
    const byRpm = picks([candidate('a', { rpm: 100 }), candidate('b', { rpm: 300 })], strategy('simple-shuffle'));
    expect(byRpm.b! / 1000).toBeCloseTo(0.75, 1);
    const uniform = picks([candidate('a'), candidate('b')], strategy('simple-shuffle'));
    expect(uniform.a! / 1000).toBeCloseTo(0.5, 1);
  });

  it('least-busy: the fewest in flight', () => {
    const [a, b, c] = [candidate('a'), candidate('b'), candidate('c')];
    a.health.inFlight = 3;
    b.health.inFlight = 1;
    c.health.inFlight = 2;
    expect(picks([a, b, c], strategy('least-busy'), 20)).toEqual({ b: 20 });
  });

  it('latency-based-routing: the lowest average within ttl; the buffer spreads over the near ones', () => {
    const [a, b, c] = [candidate('a'), candidate('b'), candidate('c')];
    a.health.recordLatency(100, NOW);
    b.health.recordLatency(120, NOW);
    c.health.recordLatency(300, NOW);
    expect(picks([a, b, c], strategy('latency-based-routing'), 20)).toEqual({ a: 20 });
    const buffered = picks([a, b, c], strategy('latency-based-routing', { lowest_latency_buffer: 0.5 }));
    expect(Object.keys(buffered).sort()).toEqual(['a', 'b']);
    // A sample older than ttl is forgotten: `old` (slow two hours ago) counts as never measured, so it is tried first.
    const [fresh, old] = [candidate('fresh'), candidate('old')];
    fresh.health.recordLatency(50, NOW);
    old.health.recordLatency(300, NOW - 2 * 3_600_000);
    expect(picks([fresh, old], strategy('latency-based-routing'), 10)).toEqual({ old: 10 });
  });

  it('usage-based-routing-v2: the fewest tokens this minute, under each rpm/tpm', () => {
    const [a, b] = [candidate('a', { tpm: 1000 }), candidate('b', { rpm: 2 })];
    a.health.roll(NOW);
    b.health.roll(NOW);
    a.health.tokens = 500;
    b.health.tokens = 100;
    expect(picks([a, b], strategy('usage-based-routing-v2'), 5)).toEqual({ b: 5 });
    b.health.requests = 2; // at its rpm: a takes the rest
    expect(picks([a, b], strategy('usage-based-routing-v2'), 5)).toEqual({ a: 5 });
    a.health.tokens = 1000;
    expect(pickCandidate([a, b], new Set(), { now: NOW, random: seeded(1), settings: strategy('usage-based-routing-v2'), estimatedTokens: 1 })).toEqual({ kind: 'full' });
  });

  it('cost-based-routing: the cheapest priced deployment', () => {
    const cheap = candidate('cheap', {}, { input: 1e-7, output: 4e-7 });
    const dear = candidate('dear', {}, { input: 1e-6, output: 4e-6 });
    expect(picks([dear, cheap, candidate('unpriced')], strategy('cost-based-routing'), 10)).toEqual({ cheap: 10 });
  });

  it('order: the lowest tier while one of it is healthy, whatever the strategy', () => {
    const [first, second] = [candidate('first', { order: 1 }), candidate('second', { order: 2, weight: 100 })];
    expect(picks([second, first], strategy('simple-shuffle'), 10)).toEqual({ first: 10 });
    first.health.cooldownUntil = NOW + 1;
    expect(picks([second, first], strategy('simple-shuffle'), 10)).toEqual({ second: 10 });
  });

  it('adaptive: w = max(0.02, (1 − e)²) / latency; a slow, failing deployment still gets probed', () => {
    const [fast, slow] = [candidate('fast'), candidate('slow')];
    fast.health.recordLatency(100, NOW);
    slow.health.recordLatency(100, NOW);
    for (let index = 0; index < 10; index++) slow.health.recordOutcome(true);
    const e = slow.health.errorRate;
    const expectedShare = 1 / 100 / (1 / 100 + Math.max(0.02, (1 - e) ** 2) / 100);
    const counts = picks([fast, slow], strategy('adaptive'), 2000);
    expect(counts.fast! / 2000).toBeCloseTo(expectedShare, 1);
    expect(counts.slow).toBeGreaterThan(0);
  });
});
