import type { Clock } from '../di/tokens.js';
import type {
  BudgetCharge,
  BudgetState,
  CounterStore,
  RateCharge,
  RateWindowState,
  Refusal,
  Reservation,
  ReserveOutcome,
  ReserveRequest,
  Settlement,
} from './counter-store.js';

interface BudgetWindow {
  readonly windowEndsAt: number | null;
  spent: bigint;
  reserved: bigint;
}

interface RateWindow {
  minute: number;
  requests: number;
  tokens: number;
}

/** Ended budget windows are dropped once this many reservations went by (bounded memory). */
const SWEEP_EVERY = 4096;

/**
 * The counters of one instance: plain maps, checked and charged synchronously, so one
 * `reserve` is atomic by construction (no await between check and charge).
 */
export function createInProcessCounterStore(options: { readonly clock?: Clock } = {}): CounterStore {
  const clock = options.clock ?? Date.now;
  // Per budget id, its windows (one, or two while reservations of an ended one are in flight).
  const budgets = new Map<string, BudgetWindow[]>();
  const rates = new Map<string, RateWindow>();
  const inFlight = new Map<string, number>();
  const live = new Set<string>();
  let untilSweep = SWEEP_EVERY;

  function findWindow(id: string, windowEndsAt: number | null): BudgetWindow | undefined {
    const windows = budgets.get(id);
    if (windows === undefined) return undefined;
    for (const window of windows) if (window.windowEndsAt === windowEndsAt) return window;
    return undefined;
  }

  function budgetWindow(charge: BudgetCharge): BudgetWindow {
    const found = findWindow(charge.id, charge.windowEndsAt);
    if (found !== undefined) return found;
    const window: BudgetWindow = { windowEndsAt: charge.windowEndsAt, spent: charge.baseline, reserved: 0n };
    // A new window: windows of this budget that ended with nothing in flight go now.
    const now = clock();
    const kept = (budgets.get(charge.id) ?? []).filter((old) => old.windowEndsAt === null || old.windowEndsAt > now || old.reserved !== 0n);
    kept.push(window);
    budgets.set(charge.id, kept);
    return window;
  }

  function rateWindow(id: string, minute: number): RateWindow {
    let window = rates.get(id);
    if (window === undefined) {
      window = { minute, requests: 0, tokens: 0 };
      rates.set(id, window);
    } else if (window.minute !== minute) {
      window.minute = minute;
      window.requests = 0;
      window.tokens = 0;
    }
    return window;
  }

  function windowStates(charges: readonly RateCharge[], minute: number): RateWindowState[] {
    const resetAt = (minute + 1) * 60_000;
    return charges.map((charge) => {
      const window = rateWindow(charge.id, minute);
      return {
        id: charge.id,
        remainingRequests: charge.rpmLimit === null ? null : Math.max(0, charge.rpmLimit - window.requests),
        remainingTokens: charge.tpmLimit === null ? null : Math.max(0, charge.tpmLimit - window.tokens),
        limitRequests: charge.rpmLimit,
        limitTokens: charge.tpmLimit,
        resetAt,
      };
    });
  }

  function refusalFor(request: ReserveRequest, minute: number): Refusal | undefined {
    if (request.amount > 0n) {
      for (const charge of request.budgets) {
        const window = budgetWindow(charge);
        if (window.spent + window.reserved + request.amount > charge.limit) {
          return { kind: 'budget', id: charge.id, limit: charge.limit, spent: window.spent, reserved: window.reserved, windowEndsAt: charge.windowEndsAt };
        }
      }
    }
    for (const charge of request.parallel) {
      const count = inFlight.get(charge.id) ?? 0;
      if (count + 1 > charge.limit) return { kind: 'parallel', id: charge.id, limit: charge.limit, inFlight: count };
    }
    const resetAt = (minute + 1) * 60_000;
    for (const charge of request.rates) {
      const window = rateWindow(charge.id, minute);
      if (charge.rpmLimit !== null && window.requests + 1 > charge.rpmLimit) {
        return { kind: 'rpm', id: charge.id, limit: charge.rpmLimit, used: window.requests, resetAt };
      }
    }
    for (const charge of request.rates) {
      const window = rateWindow(charge.id, minute);
      if (charge.tpmLimit !== null && window.tokens + request.tokens > charge.tpmLimit) {
        return { kind: 'tpm', id: charge.id, limit: charge.tpmLimit, used: window.tokens, resetAt };
      }
    }
    return undefined;
  }

  function sweep(now: number): void {
    untilSweep = SWEEP_EVERY;
    for (const [id, windows] of budgets) {
      const live = windows.filter((window) => window.windowEndsAt === null || window.windowEndsAt > now || window.reserved !== 0n);
      if (live.length === 0) budgets.delete(id);
      else if (live.length !== windows.length) budgets.set(id, live);
    }
    const minute = Math.floor(now / 60_000);
    for (const [id, window] of rates) if (window.minute < minute) rates.delete(id);
  }

  /** Gives back what `reservation` holds; `settlement` undefined: a release. */
  function finish(reservation: Reservation, settlement: Settlement | undefined): void {
    if (!live.delete(reservation.reservationId)) return;
    const charged = settlement === undefined ? 0n : (settlement.cost ?? 0n);
    if (reservation.amount > 0n) {
      for (const budget of reservation.budgets) {
        const window = findWindow(budget.id, budget.windowEndsAt);
        if (window === undefined) continue;
        window.reserved -= reservation.amount;
        window.spent += charged;
      }
    }
    const tokens = settlement === undefined ? 0 : settlement.tokens;
    for (const id of reservation.rates) {
      const window = rates.get(id);
      if (window !== undefined && window.minute === reservation.minute) window.tokens = Math.max(0, window.tokens - reservation.tokens + tokens);
    }
    for (const id of reservation.parallel) {
      const count = (inFlight.get(id) ?? 1) - 1;
      if (count <= 0) inFlight.delete(id);
      else inFlight.set(id, count);
    }
  }

  return {
    reserve(request) {
      const now = clock();
      if (--untilSweep <= 0) sweep(now);
      const minute = Math.floor(now / 60_000);
      const refusal = refusalFor(request, minute);
      if (refusal !== undefined) {
        return Promise.resolve<ReserveOutcome>({ ok: false, refusal, windows: windowStates(request.rates, minute) });
      }
      if (request.amount > 0n) for (const charge of request.budgets) budgetWindow(charge).reserved += request.amount;
      for (const charge of request.parallel) inFlight.set(charge.id, (inFlight.get(charge.id) ?? 0) + 1);
      for (const charge of request.rates) {
        const window = rateWindow(charge.id, minute);
        window.requests += 1;
        window.tokens += request.tokens;
      }
      live.add(request.reservationId);
      const reservation: Reservation = {
        reservationId: request.reservationId,
        amount: request.amount,
        tokens: request.tokens,
        budgets: request.budgets.map((charge) => ({ id: charge.id, windowEndsAt: charge.windowEndsAt })),
        rates: request.rates.map((charge) => charge.id),
        minute,
        parallel: request.parallel.map((charge) => charge.id),
      };
      return Promise.resolve<ReserveOutcome>({ ok: true, reservation, windows: windowStates(request.rates, minute) });
    },
    settle(reservation, settlement) {
      finish(reservation, settlement);
      return Promise.resolve();
    },
    release(reservation) {
      finish(reservation, undefined);
      return Promise.resolve();
    },
    budgetStates(charges) {
      return Promise.resolve(
        charges.map((charge): BudgetState => {
          const window = findWindow(charge.id, charge.windowEndsAt);
          return { id: charge.id, windowEndsAt: charge.windowEndsAt, spent: window?.spent ?? charge.baseline, reserved: window?.reserved ?? 0n };
        }),
      );
    },
    close() {
      budgets.clear();
      rates.clear();
      inFlight.clear();
      live.clear();
      return Promise.resolve();
    },
  };
}
