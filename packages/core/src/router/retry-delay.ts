import type { RandomSource } from './strategies.js';

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

export interface RetryDelayOptions {
  /** 1 for the first retry. */
  readonly retry: number;
  /** router_settings.retry_after: the least wait. */
  readonly minimumMs: number;
  /** The upstream's retry-after, when it sent one. */
  readonly upstreamMs: number | undefined;
  /** Whether the retry goes to a different, healthy deployment (then it need not wait). */
  readonly otherDeployment: boolean;
  readonly random: RandomSource;
}

/**
 * How long to wait before a retry: nothing beyond `retry_after` when another deployment takes
 * it (LiteLLM does the same); else the upstream's retry-after when it gave one; else
 * exponential backoff from 0.5 s, capped at 8 s, with jitter (× 0.75–1.25) so a crowd of
 * clients does not retry in step.
 */
export function retryDelayMs(options: RetryDelayOptions): number {
  if (options.otherDeployment) return options.minimumMs;
  if (options.upstreamMs !== undefined) return Math.max(options.minimumMs, options.upstreamMs);
  const backoff = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** (options.retry - 1));
  return Math.max(options.minimumMs, Math.round(backoff * (0.75 + options.random() * 0.5)));
}

/** Waits `ms`, or rejects at once when the signal aborts (a client that left stops retrying). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', aborted);
    };
    const aborted = () => {
      done();
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
