import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { DeploymentHealth } from './deployment-health.js';
import type { RouteParams } from './route-params.js';
import type { RouterSettings, RoutingStrategy } from './router-settings.js';

/** A uniform random number in [0, 1); injected (RANDOM token) so tests pick deterministically. */
export type RandomSource = () => number;

export interface Candidate {
  readonly target: ModelTarget;
  readonly params: RouteParams;
  readonly health: DeploymentHealth;
}

export interface PickOptions {
  readonly now: number;
  readonly random: RandomSource;
  readonly settings: RouterSettings;
  /** Tokens the request is expected to use (usage-based-routing-v2's tpm check). */
  readonly estimatedTokens: number;
}

type Strategy = (candidates: readonly Candidate[], options: PickOptions) => Candidate | undefined;

/**
 * Picks one deployment among healthy, untried candidates (already filtered to the lowest
 * `order` tier). LiteLLM's semantics per strategy; `undefined` only when usage-based routing
 * finds every deployment at its rpm/tpm limit.
 */
export const STRATEGIES: Readonly<Record<RoutingStrategy, Strategy>> = {
  'simple-shuffle': simpleShuffle,
  'least-busy': (candidates, options) => lowest(candidates, options, (c) => c.health.inFlight),
  'latency-based-routing': latencyBased,
  'usage-based-routing-v2': usageBased,
  'cost-based-routing': (candidates, options) => lowest(candidates, options, (c) => c.params.costPerToken),
  adaptive,
};

/** weight, else rpm, else tpm (a deployment without the field counts 0), else uniform: LiteLLM's simple-shuffle. */
function simpleShuffle(candidates: readonly Candidate[], options: PickOptions): Candidate | undefined {
  for (const field of ['weight', 'rpm', 'tpm'] as const) {
    if (candidates.some((c) => c.params[field] !== undefined)) {
      const picked = weighted(candidates, options.random, (c) => c.params[field] ?? 0);
      if (picked !== undefined) return picked;
    }
  }
  return candidates[Math.floor(options.random() * candidates.length)];
}

/**
 * The lowest average latency within `ttl` (time to first token for streams); never-measured
 * deployments count as fastest so they get measured. With `lowest_latency_buffer`, a random
 * one among those within (1 + buffer) × the lowest.
 */
function latencyBased(candidates: readonly Candidate[], options: PickOptions): Candidate | undefined {
  const { now, settings } = options;
  const latency = (c: Candidate) => {
    const average = c.health.averageLatency(now, settings.latencyTtlMs);
    return Number.isNaN(average) ? 0 : average;
  };
  if (settings.lowestLatencyBuffer <= 0) return lowest(candidates, options, latency);
  let best = Infinity;
  for (const c of candidates) best = Math.min(best, latency(c));
  const limit = best * (1 + settings.lowestLatencyBuffer);
  const near = candidates.filter((c) => latency(c) <= limit);
  return near[Math.floor(options.random() * near.length)];
}

/** The fewest tokens this minute among deployments whose rpm and tpm leave room for this request. */
function usageBased(candidates: readonly Candidate[], options: PickOptions): Candidate | undefined {
  const room = candidates.filter(({ params, health }) => {
    health.roll(options.now);
    if (params.rpm !== undefined && health.requests + 1 > params.rpm) return false;
    return params.tpm === undefined || health.tokens + options.estimatedTokens <= params.tpm;
  });
  return lowest(room, options, (c) => c.health.tokens);
}

/**
 * Weighted random by w = max(0.02, (1 − e)²) / max(L, 1 ms), where L is the smoothed latency
 * and e the smoothed error rate (both exponential moving averages, α = 0.2), recomputed every
 * `refresh_interval` (5 s). A deployment never measured gets the best known weight, so it is
 * probed; the 0.02 floor keeps a failing deployment probed too, so it can recover.
 */
function adaptive(candidates: readonly Candidate[], options: PickOptions): Candidate | undefined {
  let best = 0;
  for (const c of candidates) {
    const health = c.health;
    if (options.now - health.adaptiveAt >= options.settings.adaptiveRefreshMs || health.adaptiveAt === 0) {
      health.adaptiveAt = options.now;
      health.adaptiveWeight = Number.isNaN(health.smoothedLatencyMs)
        ? Number.NaN
        : Math.max(0.02, (1 - health.errorRate) ** 2) / Math.max(health.smoothedLatencyMs, 1);
    }
    if (health.adaptiveWeight > best) best = health.adaptiveWeight;
  }
  const weightOf = (c: Candidate) => (Number.isNaN(c.health.adaptiveWeight) ? best || 1 : c.health.adaptiveWeight);
  return weighted(candidates, options.random, weightOf) ?? candidates[Math.floor(options.random() * candidates.length)];
}

function weighted(candidates: readonly Candidate[], random: RandomSource, weightOf: (c: Candidate) => number): Candidate | undefined {
  let total = 0;
  for (const c of candidates) total += weightOf(c);
  if (!(total > 0)) return undefined;
  let point = random() * total;
  for (const c of candidates) {
    point -= weightOf(c);
    if (point < 0) return c;
  }
  return candidates[candidates.length - 1];
}

/** The candidate with the lowest score; ties broken at random. */
function lowest(candidates: readonly Candidate[], options: PickOptions, score: (c: Candidate) => number): Candidate | undefined {
  let best = Infinity;
  let ties = 0;
  for (const c of candidates) {
    const value = score(c);
    if (value < best) {
      best = value;
      ties = 1;
    } else if (value === best) ties++;
  }
  if (ties === 0) return candidates[Math.floor(options.random() * candidates.length)];
  let chosen = Math.floor(options.random() * ties);
  for (const c of candidates) if (score(c) === best && chosen-- === 0) return c;
  return undefined;
}
