import type { Deployment } from '../config/deployment.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { RouterSettings } from './router-settings.js';

/** undici's timers tick about once a second: below this, the router keeps its own. */
const COARSE_TIMER_MS = 1_000;

/**
 * The router's own timeout for one attempt: `timeout` for a JSON call, `stream_timeout` for the
 * first byte and each gap between chunks of a stream (per deployment, else router-wide). Armed
 * only when router_settings sets one or a value is sub-second; otherwise undici's timers apply.
 */
export class AttemptTimer {
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #ms: number;
  readonly #error: GatewayError;
  #timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(clientSignal: AbortSignal, ms: number, error: GatewayError) {
    this.#ms = ms;
    this.#error = error;
    this.signal = AbortSignal.any([clientSignal, this.#controller.signal]);
  }

  static for(deployment: Deployment, settings: RouterSettings, stream: boolean, clientSignal: AbortSignal): AttemptTimer | undefined {
    const timeout = Math.min(deployment.timeoutMs, settings.timeoutMs ?? Infinity);
    const ms = stream ? (deployment.streamTimeoutMs ?? settings.streamTimeoutMs ?? timeout) : timeout;
    const own = settings.timeoutMs !== undefined || (stream && settings.streamTimeoutMs !== undefined) || ms < COARSE_TIMER_MS;
    if (!own || !Number.isFinite(ms)) return undefined;
    const what = stream ? `sent nothing for ${ms / 1000} s (stream_timeout)` : `did not answer within ${ms / 1000} s (timeout)`;
    const error = new GatewayError('upstream_timeout', `The upstream for ${deployment.modelName} ${what}.`);
    return new AttemptTimer(clientSignal, ms, error);
  }

  /** (Re)starts the countdown: at the call, and again after every stream chunk. */
  arm(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#controller.abort(this.#error), this.#ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }

  /** The attempt's error as the client should see it: a timeout, not the abort it caused. */
  explain(error: unknown): unknown {
    return this.#controller.signal.aborted ? this.#error : error;
  }
}
