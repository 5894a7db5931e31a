import type { RouteEndpoint } from '../providers/provider.js';
import type { Usage } from './usage.js';
import type { AttemptRecord } from '../router/attempt-record.js';

/**
 * One finished model request, success or failure, emitted exactly once to `onCost`. Plain
 * JSON values only, so a listener can `JSON.stringify` it into a log or a store.
 */
export interface CostEvent {
  readonly requestId: string;
  readonly endpoint: RouteEndpoint;
  /** The `model` the client sent; null when the body had none. */
  readonly model: string | null;
  /** The deployment that served it (`model_info.id`, else `<model_name>-<hash>`); null when none was resolved. */
  readonly deployment: string | null;
  readonly provider: string | null;
  readonly stream: boolean;
  /** The HTTP status the client got (a stream that failed midway still got 200). */
  readonly status: number;
  /** `aborted`: the client went away before the stream ended. */
  readonly outcome: 'success' | 'error' | 'aborted';
  /** The error code (`model_not_found`, `upstream_error`, …) when the request failed. */
  readonly errorCode: string | null;
  /** Token usage as the upstream reported it; null when it reported none. */
  readonly usage: Usage | null;
  /** Cost in USD as an exact decimal string; null when unknown (no usage, or no price). Never a made-up 0. */
  readonly cost: string | null;
  /** The service tier the upstream reported (flex, priority, default), if any. */
  readonly serviceTier: string | null;
  /** From entering the gateway to the response (for streams: to the stream's end). */
  readonly durationMs: number;
  /**
   * Milliseconds spent in the gateway itself, excluding the upstream (as `x-switchyard-overhead-ms`);
   * for a stream, up to its first event. Null when no timing was taken.
   */
  readonly overheadMs: number | null;
  /** For a stream: milliseconds from entering the gateway to its first event; null otherwise. */
  readonly timeToFirstTokenMs: number | null;
  /** The response cache's answer: `hit` (cost 0, no upstream call), `miss`, or null when the cache was not used. */
  readonly cache: 'hit' | 'miss' | null;
  /** Every call the router made, in order (retries and fallbacks); the last one answered when the request succeeded. */
  readonly attempts: readonly AttemptRecord[];
}

/** Called after the response is on its way; its speed and its errors never affect the response. */
export type CostListener = (event: CostEvent) => void | Promise<void>;
