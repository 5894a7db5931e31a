import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetCharge, CounterStore, RateCharge, ReserveOutcome, ReserveRequest } from '@switchyard/core';

/** A clock the suite moves by hand; the store under test must read time only from it. */
export interface ManualClock {
  (): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start: number): ManualClock {
  let now = start;
  const clock = (() => now) as ManualClock;
  clock.set = (ms) => {
    now = ms;
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface OpenedCounterStore {
  readonly store: CounterStore;
  /** Removes what the store wrote (a Redis key prefix); the suite closes the store first. */
  readonly cleanup: () => Promise<void>;
}

/** 2026-12-02T10:00:00.000Z: the start of a minute, so tests know where minutes end. */
const START = Date.UTC(2026, 11, 2, 10, 0, 0);
const USD = 10n ** 18n;

/**
 * Every CounterStore (in-process, Redis) passes this: atomic multi-budget reservations, settle
 * and release, rate windows per minute, parallel counts, all read from the injected clock.
 * `open` gets the clock the store must use.
 */
export function describeCounterStoreContract(name: string, open: (clock: () => number) => Promise<OpenedCounterStore>): void {
  describe(`counter store contract: ${name}`, () => {
    let clock: ManualClock;
    let opened: OpenedCounterStore;
    let store: CounterStore;
    let sequence = 0;

    beforeEach(async () => {
      clock = manualClock(START);
      opened = await open(clock);
      store = opened.store;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup();
    });

    const budget = (id: string, limit: bigint, extra: Partial<BudgetCharge> = {}): BudgetCharge => ({ id, windowEndsAt: null, limit, baseline: 0n, ...extra });
    const rate = (id: string, rpmLimit: number | null, tpmLimit: number | null): RateCharge => ({ id, rpmLimit, tpmLimit });
    const request = (overrides: Partial<ReserveRequest>): ReserveRequest => ({
      reservationId: `r-${++sequence}-${Math.random().toString(36).slice(2)}`,
      amount: 0n,
      tokens: 0,
      budgets: [],
      rates: [],
      parallel: [],
      leaseMs: 60_000,
      ...overrides,
    });
    const admitted = (outcome: ReserveOutcome) => {
      if (!outcome.ok) throw new Error(`expected admission, got ${JSON.stringify(outcome.refusal, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
      return outcome.reservation;
    };

    it('admits a cost that fits, refuses one that does not, and reports the budget', async () => {
      const key = budget('key:a', 10n * USD);
      admitted(await store.reserve(request({ amount: 6n * USD, budgets: [key] })));
      const refused = await store.reserve(request({ amount: 5n * USD, budgets: [key] }));
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.refusal).toMatchObject({ kind: 'budget', id: 'key:a', limit: 10n * USD, spent: 0n, reserved: 6n * USD });
      admitted(await store.reserve(request({ amount: 4n * USD, budgets: [key] })));
      expect(await store.budgetStates([key])).toEqual([{ id: 'key:a', windowEndsAt: null, spent: 0n, reserved: 10n * USD }]);
    });

    it('charges every budget or none: one budget that does not fit leaves the others untouched', async () => {
      const key = budget('key:b', 100n * USD);
      const team = budget('team:b', 3n * USD);
      const refused = await store.reserve(request({ amount: 5n * USD, budgets: [key, team] }));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.refusal).toMatchObject({ kind: 'budget', id: 'team:b' });
      const states = await store.budgetStates([key, team]);
      expect(states.map((state) => state.reserved)).toEqual([0n, 0n]);
    });

    it('settle replaces the reservation with the actual cost, exactly; release gives it all back', async () => {
      const key = budget('key:c', 10n * USD);
      const first = admitted(await store.reserve(request({ amount: 4n * USD, budgets: [key] })));
      const second = admitted(await store.reserve(request({ amount: 4n * USD, budgets: [key] })));
      await store.settle(first, { cost: 1_234_567_890_123_456_789n, tokens: 10 });
      await store.release(second);
      expect(await store.budgetStates([key])).toEqual([{ id: 'key:c', windowEndsAt: null, spent: 1_234_567_890_123_456_789n, reserved: 0n }]);
    });

    it('settle and release are idempotent: a second call changes nothing', async () => {
      const key = budget('key:d', 10n * USD);
      const reservation = admitted(await store.reserve(request({ amount: 2n * USD, budgets: [key], parallel: [{ id: 'key:d', limit: 1 }] })));
      await store.settle(reservation, { cost: 1n * USD, tokens: 0 });
      await store.settle(reservation, { cost: 1n * USD, tokens: 0 });
      await store.release(reservation);
      expect(await store.budgetStates([key])).toEqual([{ id: 'key:d', windowEndsAt: null, spent: 1n * USD, reserved: 0n }]);
      // The parallel slot was given back once, not twice: one more fits, a second does not.
      admitted(await store.reserve(request({ parallel: [{ id: 'key:d', limit: 1 }] })));
      expect((await store.reserve(request({ parallel: [{ id: 'key:d', limit: 1 }] }))).ok).toBe(false);
    });

    it('money beyond 64-bit integers stays exact', async () => {
      const huge = 10n ** 30n; // a trillion dollars in attoUSD
      const key = budget('key:e', huge * 3n);
      const reservation = admitted(await store.reserve(request({ amount: huge, budgets: [key] })));
      await store.settle(reservation, { cost: huge - 1n, tokens: 0 });
      expect((await store.budgetStates([key]))[0]?.spent).toBe(huge - 1n);
    });

    it('the baseline seeds a window once; a new window starts from zero', async () => {
      const windowEnd = START + 3_600_000;
      const key = budget('key:f', 10n * USD, { windowEndsAt: windowEnd, baseline: 8n * USD });
      expect((await store.budgetStates([key]))[0]).toMatchObject({ spent: 8n * USD, reserved: 0n });
      expect((await store.reserve(request({ amount: 3n * USD, budgets: [key] }))).ok).toBe(false);
      const fits = admitted(await store.reserve(request({ amount: 2n * USD, budgets: [key] })));
      await store.settle(fits, { cost: 1n * USD, tokens: 0 });
      // A later request that brings an older baseline does not reset the running window.
      const stale = { ...key, baseline: 0n };
      expect((await store.budgetStates([stale]))[0]).toMatchObject({ spent: 9n * USD });
      expect((await store.reserve(request({ amount: 2n * USD, budgets: [stale] }))).ok).toBe(false);
      // The next window: fresh.
      clock.set(windowEnd + 1);
      const next = budget('key:f', 10n * USD, { windowEndsAt: windowEnd + 3_600_000 });
      admitted(await store.reserve(request({ amount: 10n * USD, budgets: [next] })));
    });

    it('a zero amount skips budgets, even an exhausted one', async () => {
      const key = budget('key:g', 1n * USD, { baseline: 1n * USD });
      expect((await store.reserve(request({ amount: 1n, budgets: [key] }))).ok).toBe(false);
      admitted(await store.reserve(request({ amount: 0n, budgets: [key] })));
    });

    it('64 concurrent reservations on one budget: exactly as many as fit are admitted', async () => {
      const key = budget('key:h', 10n * USD);
      const team = budget('team:h', 1000n * USD);
      const outcomes = await Promise.all(Array.from({ length: 64 }, () => store.reserve(request({ amount: 1n * USD, budgets: [key, team] }))));
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
      expect(await store.budgetStates([key, team])).toEqual([
        { id: 'key:h', windowEndsAt: null, spent: 0n, reserved: 10n * USD },
        { id: 'team:h', windowEndsAt: null, spent: 0n, reserved: 10n * USD },
      ]);
    });

    it('rpm counts requests per clock minute, reports the minute end, and a refusal counts nothing', async () => {
      const window = rate('key:i', 3, null);
      clock.set(START + 20_000);
      for (let index = 0; index < 3; index++) admitted(await store.reserve(request({ rates: [window] })));
      const refused = await store.reserve(request({ rates: [window] }));
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.refusal).toEqual({ kind: 'rpm', id: 'key:i', limit: 3, used: 3, resetAt: START + 60_000 });
      expect(refused.windows).toEqual([{ id: 'key:i', remainingRequests: 0, remainingTokens: null, limitRequests: 3, limitTokens: null, resetAt: START + 60_000 }]);
      clock.set(START + 60_000);
      const next = await store.reserve(request({ rates: [window] }));
      expect(next.ok).toBe(true);
      expect(next.windows[0]?.remainingRequests).toBe(2);
    });

    it('a released request still counts in rpm (it was made)', async () => {
      const window = rate('key:j', 1, null);
      const reservation = admitted(await store.reserve(request({ rates: [window] })));
      await store.release(reservation);
      expect((await store.reserve(request({ rates: [window] }))).ok).toBe(false);
    });

    it('tpm reserves the estimate and settles to the tokens actually used', async () => {
      const window = rate('key:k', null, 1000);
      const first = admitted(await store.reserve(request({ tokens: 800, rates: [window] })));
      const refused = await store.reserve(request({ tokens: 300, rates: [window] }));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.refusal).toMatchObject({ kind: 'tpm', id: 'key:k', limit: 1000, used: 800 });
      await store.settle(first, { cost: null, tokens: 200 });
      const second = await store.reserve(request({ tokens: 300, rates: [window] }));
      expect(second.ok).toBe(true);
      expect(second.windows[0]).toMatchObject({ remainingTokens: 500, limitTokens: 1000 });
    });

    it('a settle after the minute ended leaves the new minute alone', async () => {
      const window = rate('key:l', null, 1000);
      const old = admitted(await store.reserve(request({ tokens: 900, rates: [window] })));
      clock.set(START + 60_000);
      admitted(await store.reserve(request({ tokens: 900, rates: [window] })));
      await store.settle(old, { cost: null, tokens: 0 });
      const refused = await store.reserve(request({ tokens: 200, rates: [window] }));
      expect(refused.ok).toBe(false);
    });

    it('max parallel: in-flight counts go up on reserve and down on settle or release', async () => {
      const slot = { id: 'key:m', limit: 2 };
      const first = admitted(await store.reserve(request({ parallel: [slot] })));
      const second = admitted(await store.reserve(request({ parallel: [slot] })));
      const refused = await store.reserve(request({ parallel: [slot] }));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.refusal).toEqual({ kind: 'parallel', id: 'key:m', limit: 2, inFlight: 2 });
      await store.settle(first, { cost: null, tokens: 0 });
      const third = admitted(await store.reserve(request({ parallel: [slot] })));
      await store.release(second);
      await store.release(third);
      for (let index = 0; index < 2; index++) admitted(await store.reserve(request({ parallel: [slot] })));
    });

    it('checks budgets, then parallel, then rpm, then tpm; a refused request is charged nowhere', async () => {
      const key = budget('key:n', 1n * USD);
      const slot = { id: 'key:n', limit: 1 };
      const window = rate('key:n', 1, 10);
      const tooCostly = await store.reserve(request({ amount: 2n * USD, tokens: 100, budgets: [key], parallel: [slot], rates: [window] }));
      expect(tooCostly.ok ? undefined : tooCostly.refusal.kind).toBe('budget');
      const tooManyTokens = await store.reserve(request({ amount: 1n, tokens: 100, budgets: [key], parallel: [slot], rates: [window] }));
      expect(tooManyTokens.ok ? undefined : tooManyTokens.refusal.kind).toBe('tpm');
      // Nothing of the two refusals was charged: this one fits every limit exactly.
      const fits = admitted(await store.reserve(request({ amount: 1n * USD, tokens: 10, budgets: [key], parallel: [slot], rates: [window] })));
      const busy = await store.reserve(request({ amount: 0n, tokens: 0, parallel: [slot], rates: [window] }));
      expect(busy.ok ? undefined : busy.refusal.kind).toBe('parallel');
      await store.release(fits);
      const noRequestsLeft = await store.reserve(request({ parallel: [slot], rates: [window] }));
      expect(noRequestsLeft.ok ? undefined : noRequestsLeft.refusal.kind).toBe('rpm');
    });

    it('keeps budgets, windows and slots of different ids apart', async () => {
      const a = budget('key:o1', 1n * USD);
      const b = budget('key:o2', 1n * USD);
      admitted(await store.reserve(request({ amount: 1n * USD, budgets: [a], parallel: [{ id: 'key:o1', limit: 1 }], rates: [rate('key:o1', 1, null)] })));
      admitted(await store.reserve(request({ amount: 1n * USD, budgets: [b], parallel: [{ id: 'key:o2', limit: 1 }], rates: [rate('key:o2', 1, null)] })));
    });
  });
}
