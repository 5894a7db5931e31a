import {
  GatewayError,
  type BudgetCharge,
  type BudgetState,
  type CounterStore,
  type RateCharge,
  type RateWindowState,
  type Refusal,
  type Reservation,
  type ReserveOutcome,
  type ReserveRequest,
  type Settlement,
} from '@switchyard/core';
import type { Redis } from 'ioredis';
import type { ConnectionWatch } from '../connection-watch.js';
import { BUDGET_STATES_SCRIPT, FINISH_SCRIPT, RESERVE_SCRIPT } from './counter-scripts.js';

type ScriptReply = (string | number)[];
type Clock = () => number;

interface ScriptedRedis extends Redis {
  switchyardReserve(...args: string[]): Promise<ScriptReply>;
  switchyardFinish(...args: string[]): Promise<number>;
  switchyardBudgetStates(...args: string[]): Promise<string[]>;
}

/** A finished reservation is remembered this long past its lease, so a late second settle does nothing. */
const DONE_GRACE_MS = 60_000;
/** While Redis hangs (connected, not answering), one call in this interval waits to find out; the others fail at once. */
const PROBE_INTERVAL_MS = 500;

/**
 * Budget reservations, rate windows and parallel counts in Redis, each `reserve`, `settle`,
 * `release` one atomic Lua script (one round trip). Time comes from the injected clock only.
 * When Redis cannot be reached every call rejects at once (no offline queue; a hung server
 * after the command timeout) with `store_unavailable`, and the limits stage goes on with
 * in-process counters or answers 503 (fail_closed_budget_enforcement).
 */
export class RedisCounterStore implements CounterStore {
  readonly #client: ScriptedRedis;
  readonly #watch: ConnectionWatch;
  readonly #prefix: string;
  readonly #clock: Clock;
  #probeAt = 0;

  constructor(options: { client: Redis; watch: ConnectionWatch; keyPrefix: string; clock: Clock }) {
    this.#client = options.client as ScriptedRedis;
    this.#client.defineCommand('switchyardReserve', { numberOfKeys: 0, lua: RESERVE_SCRIPT });
    this.#client.defineCommand('switchyardFinish', { numberOfKeys: 0, lua: FINISH_SCRIPT });
    this.#client.defineCommand('switchyardBudgetStates', { numberOfKeys: 0, lua: BUDGET_STATES_SCRIPT });
    this.#watch = options.watch;
    this.#prefix = options.keyPrefix;
    this.#clock = options.clock;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const now = this.#clock();
    const minute = Math.floor(now / 60_000);
    const args = [this.#prefix, request.reservationId, String(now), String(minute), request.amount.toString(), String(request.tokens), String(request.leaseMs)];
    args.push(String(request.budgets.length));
    for (const budget of request.budgets) args.push(budget.id, windowText(budget.windowEndsAt), budget.limit.toString(), budget.baseline.toString());
    args.push(String(request.parallel.length));
    for (const slot of request.parallel) args.push(slot.id, String(slot.limit));
    args.push(String(request.rates.length));
    for (const rate of request.rates) args.push(rate.id, limitText(rate.rpmLimit), limitText(rate.tpmLimit));
    const reply = await this.#call(() => this.#client.switchyardReserve(...args));
    const resetAt = (minute + 1) * 60_000;
    if (reply[0] === 1) {
      const reservation: Reservation = {
        reservationId: request.reservationId,
        amount: request.amount,
        tokens: request.tokens,
        budgets: request.budgets.map((budget) => ({ id: budget.id, windowEndsAt: budget.windowEndsAt })),
        rates: request.rates.map((rate) => rate.id),
        minute,
        parallel: request.parallel.map((slot) => slot.id),
      };
      return { ok: true, reservation, windows: windowStates(request.rates, reply.slice(1), resetAt) };
    }
    const { refusal, rest } = readRefusal(reply, resetAt);
    return { ok: false, refusal, windows: windowStates(request.rates, rest, resetAt) };
  }

  settle(reservation: Reservation, settlement: Settlement): Promise<void> {
    return this.#finish(reservation, settlement);
  }

  release(reservation: Reservation): Promise<void> {
    return this.#finish(reservation, undefined);
  }

  async budgetStates(budgets: readonly BudgetCharge[]): Promise<readonly BudgetState[]> {
    const args = [this.#prefix, String(this.#clock())];
    for (const budget of budgets) args.push(budget.id, windowText(budget.windowEndsAt), budget.baseline.toString());
    const reply = await this.#call(() => this.#client.switchyardBudgetStates(...args));
    return budgets.map((budget, index) => ({
      id: budget.id,
      windowEndsAt: budget.windowEndsAt,
      spent: BigInt(reply[2 * index] ?? '0'),
      reserved: BigInt(reply[2 * index + 1] ?? '0'),
    }));
  }

  /** The connection belongs to the SharedCounters that made this store. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  async #finish(reservation: Reservation, settlement: Settlement | undefined): Promise<void> {
    const args = [
      this.#prefix,
      reservation.reservationId,
      settlement === undefined ? '0' : '1',
      (settlement?.cost ?? 0n).toString(),
      String(settlement?.tokens ?? 0),
      reservation.amount.toString(),
      String(reservation.tokens),
      String(reservation.minute),
      String(DONE_GRACE_MS + 24 * 3_600_000),
    ];
    args.push(String(reservation.budgets.length));
    for (const budget of reservation.budgets) args.push(budget.id, windowText(budget.windowEndsAt));
    args.push(String(reservation.rates.length), ...reservation.rates);
    args.push(String(reservation.parallel.length), ...reservation.parallel);
    await this.#call(() => this.#client.switchyardFinish(...args));
  }

  async #call<T>(run: () => Promise<T>): Promise<T> {
    // Known down: not connected (ioredis would refuse at once too), or hung (only a probe waits
    // out the command timeout; a request never does when another just did).
    if (!this.#watch.up) {
      const now = performance.now();
      if (this.#client.status !== 'ready' || now < this.#probeAt) throw unavailable();
      this.#probeAt = now + PROBE_INTERVAL_MS;
    }
    try {
      const result = await run();
      this.#watch.succeeded();
      return result;
    } catch (error) {
      this.#watch.failed(error as Error);
      this.#probeAt = performance.now() + PROBE_INTERVAL_MS;
      throw unavailable();
    }
  }
}

function unavailable(): GatewayError {
  return new GatewayError('store_unavailable', 'The shared counters (Redis) cannot be reached.');
}

function windowText(windowEndsAt: number | null): string {
  return windowEndsAt === null ? '' : String(windowEndsAt);
}

function limitText(limit: number | null): string {
  return limit === null ? '' : String(limit);
}

function readRefusal(reply: ScriptReply, resetAt: number): { refusal: Refusal; rest: ScriptReply } {
  const kind = String(reply[1]);
  const id = String(reply[2]);
  if (kind === 'budget') {
    const window = String(reply[6]);
    return {
      refusal: { kind, id, limit: BigInt(reply[3]!), spent: BigInt(reply[4]!), reserved: BigInt(reply[5]!), windowEndsAt: window === '' ? null : Number(window) },
      rest: reply.slice(7),
    };
  }
  if (kind === 'parallel') return { refusal: { kind, id, limit: Number(reply[3]), inFlight: Number(reply[4]) }, rest: reply.slice(5) };
  if (kind !== 'rpm' && kind !== 'tpm') throw new GatewayError('internal_error', `The counter script answered an unknown refusal "${kind}".`);
  return { refusal: { kind, id, limit: Number(reply[3]), used: Number(reply[4]), resetAt }, rest: reply.slice(5) };
}

function windowStates(rates: readonly RateCharge[], counts: ScriptReply, resetAt: number): RateWindowState[] {
  return rates.map((rate, index) => {
    const requests = Number(counts[2 * index] ?? 0);
    const tokens = Number(counts[2 * index + 1] ?? 0);
    return {
      id: rate.id,
      remainingRequests: rate.rpmLimit === null ? null : Math.max(0, rate.rpmLimit - requests),
      remainingTokens: rate.tpmLimit === null ? null : Math.max(0, rate.tpmLimit - tokens),
      limitRequests: rate.rpmLimit,
      limitTokens: rate.tpmLimit,
      resetAt,
    };
  });
}
