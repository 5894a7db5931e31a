import type { ErrorClass } from './router-settings.js';
import { LOCAL_ROUTER_STATE, type RouterStateSync } from './router-state-sync.js';

const LATENCY_SAMPLES = 16;
/** Weight of the newest outcome in the adaptive error rate and latency averages. */
const SMOOTHING = 0.2;

/**
 * What one deployment's router knows about it: in-flight calls, per-minute usage and failures
 * (LiteLLM counts per minute), the cooldown deadline, and recent latency. One object per
 * deployment id, created once and updated in place (no allocation per request). With shared
 * state (router_settings.redis_*) the counts and the cooldown are the cluster's, as of the last
 * exchange with Redis plus this instance's own since; latency and error rate stay per instance.
 */
export class DeploymentHealth {
  /** Calls in flight (with shared state: on every instance). */
  inFlight = 0;
  /** Epoch ms until which the deployment is cooling down; 0 when healthy. */
  cooldownUntil = 0;
  /** Why it is cooling down, for /health/deployments. */
  cooldownReason = '';
  /** How many times it was cooled down since the process started (litellm_deployment_cooled_down). */
  cooldowns = 0;
  /** The minute (epoch ms / 60 000) the counters below belong to. */
  minute = -1;
  requests = 0;
  failures = 0;
  tokens = 0;
  readonly classFailures = new Map<ErrorClass, number>();
  /** Smoothed latency (ms) and error rate, for `adaptive`; NaN latency until the first sample. */
  smoothedLatencyMs = Number.NaN;
  errorRate = 0;
  /** adaptive's weight and when it was last computed (epoch ms). */
  adaptiveWeight = Number.NaN;
  adaptiveAt = 0;
  readonly #latencies = new Float64Array(LATENCY_SAMPLES);
  readonly #sampledAt = new Float64Array(LATENCY_SAMPLES);
  #next = 0;
  #count = 0;
  readonly #owner: { readonly sync: RouterStateSync } | undefined;

  /** `id` is the deployment's health id; `owner` the RouterState whose sync hears of every change. */
  constructor(readonly id = '', owner?: { readonly sync: RouterStateSync }) {
    this.#owner = owner;
  }

  get sync(): RouterStateSync {
    return this.#owner?.sync ?? LOCAL_ROUTER_STATE;
  }

  /** A call starts: counted against this minute and in flight. `admitted`: shared state counted it already. */
  callStarted(now: number, admitted = false): void {
    this.roll(now);
    this.requests++;
    this.inFlight++;
    this.sync.started(this, admitted);
  }

  callEnded(): void {
    this.inFlight--;
    this.sync.ended(this);
  }

  addTokens(tokens: number): void {
    this.tokens += tokens;
    this.sync.tokensUsed(this, tokens);
  }

  /** Resets the per-minute counters when the minute changed. */
  roll(now: number): void {
    const minute = Math.floor(now / 60_000);
    if (minute === this.minute) return;
    this.minute = minute;
    this.requests = 0;
    this.failures = 0;
    this.tokens = 0;
    this.classFailures.clear();
  }

  coolingDown(now: number): boolean {
    return this.cooldownUntil > now;
  }

  recordLatency(ms: number, now: number): void {
    this.#latencies[this.#next] = ms;
    this.#sampledAt[this.#next] = now;
    this.#next = (this.#next + 1) % LATENCY_SAMPLES;
    if (this.#count < LATENCY_SAMPLES) this.#count++;
    this.smoothedLatencyMs = Number.isNaN(this.smoothedLatencyMs) ? ms : this.smoothedLatencyMs + SMOOTHING * (ms - this.smoothedLatencyMs);
  }

  recordOutcome(failed: boolean): void {
    this.errorRate += SMOOTHING * ((failed ? 1 : 0) - this.errorRate);
  }

  /** Mean of the samples younger than `ttlMs`; NaN when there are none (never measured). */
  averageLatency(now: number, ttlMs: number): number {
    let sum = 0;
    let count = 0;
    for (let index = 0; index < this.#count; index++) {
      if (now - this.#sampledAt[index]! > ttlMs) continue;
      sum += this.#latencies[index]!;
      count++;
    }
    return count === 0 ? Number.NaN : sum / count;
  }
}

/** Every deployment's health, by id; kept across config reloads (an unchanged id keeps its state). */
export class RouterState {
  readonly #health = new Map<string, DeploymentHealth>();
  /** Hears of every change (set once, when the gateway is built): local by default, Redis when configured. */
  sync: RouterStateSync = LOCAL_ROUTER_STATE;

  of(id: string): DeploymentHealth {
    let health = this.#health.get(id);
    if (health === undefined) {
      health = new DeploymentHealth(id, this);
      this.#health.set(id, health);
    }
    return health;
  }

  peek(id: string): DeploymentHealth | undefined {
    return this.#health.get(id);
  }

  get size(): number {
    return this.#health.size;
  }

  all(): IterableIterator<DeploymentHealth> {
    return this.#health.values();
  }
}
