import type { AttoUsd } from './budget-fields.js';

/**
 * One budget a request is charged against. `id` names the budget (`key:<hash>`, `team:<id>`,
 * `user:<id>`, `key:<hash>:model:<model>`); `windowEndsAt` names its current window: a counter
 * exists per (id, windowEndsAt), so a new window starts from zero by itself and an old one can
 * be dropped once it has ended.
 */
export interface BudgetCharge {
  readonly id: string;
  /** Epoch ms when the window ends; null for a budget that never resets. */
  readonly windowEndsAt: number | null;
  readonly limit: AttoUsd;
  /**
   * Spend already recorded for this window by the store (the key's `spend`). Used only when
   * this window's counter does not exist yet (first request after a start); ignored after.
   */
  readonly baseline: AttoUsd;
}

/** A per-minute rate window (fixed UTC minutes, as LiteLLM counts). */
export interface RateCharge {
  /** `key:<hash>`, `user:<id>`, `team:<id>`, `key:<hash>:model:<model>`. */
  readonly id: string;
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
}

export interface ParallelCharge {
  readonly id: string;
  readonly limit: number;
}

export interface ReserveRequest {
  /** Unique per reservation (the limits stage adds a random part to the request id: clients choose x-request-id). */
  readonly reservationId: string;
  /** The request's maximum cost, charged to every budget. 0 skips budgets entirely. */
  readonly amount: AttoUsd;
  /** Estimated tokens, charged to every tpm window. */
  readonly tokens: number;
  readonly budgets: readonly BudgetCharge[];
  readonly rates: readonly RateCharge[];
  readonly parallel: readonly ParallelCharge[];
  /**
   * How long the reservation holds if it is never settled or released (the instance died):
   * a shared store drops it after this; the in-process store ignores it.
   */
  readonly leaseMs: number;
}

/** What was reserved: plain data, so a shared store can settle it from any instance. */
export interface Reservation {
  readonly reservationId: string;
  readonly amount: AttoUsd;
  readonly tokens: number;
  readonly budgets: readonly { readonly id: string; readonly windowEndsAt: number | null }[];
  /** The rate windows charged and the minute they were charged in (epoch ms / 60 000, floored). */
  readonly rates: readonly string[];
  readonly minute: number;
  readonly parallel: readonly string[];
}

/** Where one rate window stands after the reservation: for `x-ratelimit-*` headers. */
export interface RateWindowState {
  readonly id: string;
  /** Null when the window has no such limit. */
  readonly remainingRequests: number | null;
  readonly remainingTokens: number | null;
  readonly limitRequests: number | null;
  readonly limitTokens: number | null;
  /** Epoch ms when the minute ends. */
  readonly resetAt: number;
}

export type Refusal =
  | { readonly kind: 'budget'; readonly id: string; readonly limit: AttoUsd; readonly spent: AttoUsd; readonly reserved: AttoUsd; readonly windowEndsAt: number | null }
  | { readonly kind: 'rpm' | 'tpm'; readonly id: string; readonly limit: number; readonly used: number; readonly resetAt: number }
  | { readonly kind: 'parallel'; readonly id: string; readonly limit: number; readonly inFlight: number };

export type ReserveOutcome =
  | { readonly ok: true; readonly reservation: Reservation; readonly windows: readonly RateWindowState[] }
  | { readonly ok: false; readonly refusal: Refusal; readonly windows: readonly RateWindowState[] };

export interface Settlement {
  /** The priced cost; replaces the reserved amount in every budget. Null: unpriced, charge 0. */
  readonly cost: AttoUsd | null;
  /** Tokens actually used; replaces the estimate in every tpm window of the reservation's minute. */
  readonly tokens: number;
}

export interface BudgetState {
  readonly id: string;
  readonly windowEndsAt: number | null;
  /** Settled spend in the window (baseline included). */
  readonly spent: AttoUsd;
  /** Held by reservations not yet settled. */
  readonly reserved: AttoUsd;
}

/**
 * The counters that make budgets and limits hold under concurrency: one atomic step checks
 * and charges every budget, rate window and parallel count of a request, or charges none.
 *
 * Admission rules (all in the same atomic step):
 * - budget: `spent + reserved + amount <= limit` for every budget (so admitted spend never
 *   exceeds the limit when costs are at most what was reserved); `amount` 0 charges nothing;
 * - rpm: `requests in this minute + 1 <= rpmLimit`; tpm: `tokens in this minute + tokens <= tpmLimit`;
 * - parallel: `inFlight + 1 <= limit`.
 * The first failing check is reported in `refusal`, in the order budgets, parallel, rpm, tpm.
 *
 * `settle` and `release` are idempotent per reservation (the second call does nothing), and
 * neither is ever refused. `release` (error, abort, timeout) returns the whole amount and the
 * token estimate, keeps the request counted in its rpm window (it was made), and ends the
 * parallel count.
 *
 * The in-process implementation (`createInProcessCounterStore`) is the default for one
 * instance; `@switchyard/store-redis` shares them between instances (Lua scripts). Rejections
 * mean the backing service is unreachable; the limits stage then falls back to in-process
 * counters, or answers 503 when `fail_closed_budget_enforcement` is set.
 */
export interface CounterStore {
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  settle(reservation: Reservation, settlement: Settlement): Promise<void>;
  release(reservation: Reservation): Promise<void>;
  /** Current state of the given budgets' windows (a missing window reads as its baseline). */
  budgetStates(budgets: readonly BudgetCharge[]): Promise<readonly BudgetState[]>;
  close(): Promise<void>;
}
