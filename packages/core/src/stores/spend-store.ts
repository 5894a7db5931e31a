import type { AttoUsd } from './budget-fields.js';
import type { SpendReportQuery, SpendRollupRow } from './spend-rollups.js';
import type { SpendSummary, SpendSummaryQuery } from './spend-summary.js';

/** One model request's spend: a row of the spend log. Written once; `requestId` is its identity. */
export interface SpendRecord {
  /** The idempotency key: writing the same requestId twice keeps the first row only. */
  readonly requestId: string;
  /** SHA-256 hex of the virtual key; null for the master key. */
  readonly keyHash: string | null;
  readonly keyAlias: string | null;
  readonly teamId: string | null;
  readonly userId: string | null;
  /** The model group (what the client asked for, after aliases). */
  readonly model: string | null;
  readonly deployment: string | null;
  readonly provider: string | null;
  /** `chat/completions`, `responses`, `embeddings`, `messages`. */
  readonly endpoint: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheWriteTokens: number;
  readonly reasoningTokens: number;
  /** Exact cost; null when it could not be priced (no usage, or no price). */
  readonly cost: AttoUsd | null;
  readonly outcome: 'success' | 'error' | 'aborted';
  /** The HTTP status the client got. */
  readonly status: number;
  readonly errorCode: string | null;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly durationMs: number;
  readonly tags: readonly string[];
  /**
   * The router's calls for this request, in order (at most MAX_SPEND_ATTEMPTS); `[]` when no
   * upstream was called (refused, or answered from the cache). Absent on rows written before
   * attempts were stored.
   */
  readonly attempts?: readonly SpendAttempt[];
}

/** One call to one deployment, as a spend row keeps it (bounded: see spend-attempts.ts). */
export interface SpendAttempt {
  readonly deployment: string;
  readonly modelGroup: string;
  /** HTTP status of the attempt (200 when it answered). */
  readonly status: number;
  /** The error code when it failed; null when it answered. */
  readonly errorCode: string | null;
  /** Whole milliseconds. */
  readonly durationMs: number;
  /** Made in a fallback model group. */
  readonly fallback: boolean;
}

export interface SpendWriteResult {
  /** Rows that were new; the others had a requestId already written (a retried batch). */
  readonly inserted: number;
}

export interface SpendLogQuery {
  readonly keyHash?: string;
  readonly userId?: string;
  readonly teamId?: string;
  readonly model?: string;
  readonly requestId?: string;
  /**
   * `success`: outcome success; `failure`: error or aborted (as rows present `status`). Failure
   * pages are served by partial indexes only failed rows enter; success pages by the filter's index.
   */
  readonly status?: 'success' | 'failure';
  /** startedAt >= from (epoch ms). */
  readonly from?: number;
  /** startedAt < to (epoch ms). */
  readonly to?: number;
  /** From a previous page's `nextCursor`; opaque to callers. */
  readonly cursor?: string;
  /** Page size, 1…1000. */
  readonly limit: number;
}

export interface SpendLogPage {
  /** Newest first: startedAt desc, then requestId desc. */
  readonly records: readonly SpendRecord[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

export type { SpendReportQuery, SpendRollupRow } from './spend-rollups.js';

/**
 * The spend log and its daily rollups (key × model × day and team × model × day, which
 * `spendReport` reads; a store may keep more for `spendSummary`, as SQLite's and Postgres's keep
 * model × day and key × day).
 *
 * `writeSpend` is one transaction per batch: the rows that are new (by requestId) are inserted,
 * and for exactly those rows the rollups and the `spend` of their key, team and user are
 * increased by their cost. Writing a batch again (the outbox retries after a failure whose
 * outcome it could not see) changes nothing. A row without a model or without a key still goes
 * into the log; rollups take rows with a model (key rollup: with a key; team rollup: with a team).
 * A database that cannot be reached rejects with `GatewayError('store_unavailable')` (or any
 * error: the outbox retries every rejection).
 */
export interface SpendStore {
  writeSpend(records: readonly SpendRecord[]): Promise<SpendWriteResult>;
  /** Served by indexes on every filter; fast with millions of rows. */
  querySpendLogs(query: SpendLogQuery): Promise<SpendLogPage>;
  /** From the rollups; ordered by day, then id, then model. */
  spendReport(query: SpendReportQuery): Promise<readonly SpendRollupRow[]>;
  /**
   * Totals per model, key or team over the range, and per-day figures of the largest, summed in
   * the database (the admin UI's usage page). Optional: without it the route sums `spendReport`.
   */
  spendSummary?(query: SpendSummaryQuery): Promise<SpendSummary>;
  /**
   * The cost of every logged request that started at or after `from` (epoch ms), whoever sent
   * it: the proxy-wide budget's starting point after a restart (litellm_settings.max_budget).
   * Read once per budget window, never per request. Optional: without it the proxy budget
   * counts from zero at each start (the gateway warns).
   */
  spendTotal?(query: { readonly from: number }): Promise<AttoUsd>;
}
