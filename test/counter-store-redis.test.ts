// Issue 13: the Redis counter store passes the same contract as the in-process one, against the
// real Redis (a key prefix per run, removed afterwards); plus what only a shared store has to
// get right: several stores (instances) on one Redis admitting exactly what fits, leases that
// give back a dead instance's reservations, invalidations reaching the other instances, and a
// Redis that goes away (calls reject at once with store_unavailable, logged once).
import { silentLogger, type Invalidation, type Logger, type SharedCounters } from '@switchyard/core';
import { openRedisCounters } from '@switchyard/store-redis';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCounterStoreContract, manualClock } from './support/counter-store-contract.js';
import { startCutTcpProxy } from './support/cut-tcp-proxy.js';
import { redisUrl, requireService } from './support/services.js';

const redis = await requireService('redis', 'Redis counter store');
const USD = 10n ** 18n;

describe.skipIf(!redis.available)('Redis counter store', () => {
  let admin: Redis;
  beforeAll(async () => {
    admin = new Redis(redisUrl, { lazyConnect: true });
    await admin.connect();
  });
  afterAll(() => admin.disconnect());

  const newPrefix = () => `switchyard-test:counters:${randomBytes(4).toString('hex')}:`;
  const removeKeys = async (prefix: string) => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  };

  describeCounterStoreContract('redis', async (clock) => {
    const keyPrefix = newPrefix();
    const shared = await openRedisCounters({ url: redisUrl, clock, logger: silentLogger, keyPrefix });
    return {
      store: shared.counters,
      cleanup: async () => {
        await shared.close();
        await removeKeys(keyPrefix);
      },
    };
  });

  const openMany = async (count: number, keyPrefix: string, clock: () => number, logger: Logger = silentLogger) =>
    Promise.all(Array.from({ length: count }, () => openRedisCounters({ url: redisUrl, clock, logger, keyPrefix })));
  const reservation = (extra: object = {}) => ({ reservationId: randomBytes(6).toString('hex'), amount: 0n, tokens: 0, budgets: [], rates: [], parallel: [], leaseMs: 60_000, ...extra });

  it('three instances, 64 concurrent reservations on one key: admitted spend is exactly the budget', async () => {
    const keyPrefix = newPrefix();
    const instances = await openMany(3, keyPrefix, Date.now);
    try {
      const key = { id: 'key:shared', windowEndsAt: null, limit: 10n * USD, baseline: 3n * USD };
      const outcomes = await Promise.all(
        Array.from({ length: 64 }, (_, index) => instances[index % 3]!.counters.reserve(reservation({ amount: USD / 2n, budgets: [key] }))),
      );
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(14); // (10 − 3) / 0.5
      const [state] = await instances[1]!.counters.budgetStates([key]);
      expect(state).toMatchObject({ spent: 3n * USD, reserved: 7n * USD });
      // Settled from another instance than the one that reserved: reservations are plain data.
      for (const [index, outcome] of outcomes.entries()) if (outcome.ok) await instances[(index + 1) % 3]!.counters.settle(outcome.reservation, { cost: USD / 4n, tokens: 5 });
      expect((await instances[2]!.counters.budgetStates([key]))[0]).toMatchObject({ spent: 3n * USD + 14n * (USD / 4n), reserved: 0n });
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await removeKeys(keyPrefix);
    }
  });

  it('rpm and max parallel hold across instances; a dead instance’s reservations end with their lease', async () => {
    const keyPrefix = newPrefix();
    const clock = manualClock(Date.UTC(2026, 11, 2, 10, 0, 5));
    const instances = await openMany(3, keyPrefix, clock);
    try {
      const rates = [{ id: 'key:r', rpmLimit: 7, tpmLimit: null }];
      const outcomes = await Promise.all(Array.from({ length: 30 }, (_, index) => instances[index % 3]!.counters.reserve(reservation({ rates }))));
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(7);
      const parallel = [{ id: 'key:p', limit: 2 }];
      const held = await Promise.all([0, 1].map((index) => instances[index]!.counters.reserve(reservation({ parallel, leaseMs: 5_000 }))));
      expect(held.every((outcome) => outcome.ok)).toBe(true);
      expect((await instances[2]!.counters.reserve(reservation({ parallel }))).ok).toBe(false);
      // The instances holding them die without settling: after the lease the slots are free again.
      clock.advance(5_001);
      expect((await instances[2]!.counters.reserve(reservation({ parallel }))).ok).toBe(true);
      const budget = { id: 'key:lease', windowEndsAt: null, limit: 1n * USD, baseline: 0n };
      expect((await instances[0]!.counters.reserve(reservation({ amount: USD, budgets: [budget], leaseMs: 1_000 }))).ok).toBe(true);
      expect((await instances[1]!.counters.reserve(reservation({ amount: USD, budgets: [budget] }))).ok).toBe(false);
      clock.advance(1_001);
      expect((await instances[1]!.counters.reserve(reservation({ amount: USD, budgets: [budget] }))).ok).toBe(true);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await removeKeys(keyPrefix);
    }
  });

  it('an invalidation reaches every instance’s listeners once, its own at once', async () => {
    const keyPrefix = newPrefix();
    const instances = await openMany(3, keyPrefix, Date.now);
    try {
      const heard: Invalidation[][] = instances.map(() => []);
      instances.forEach((instance, index) => instance.invalidation.subscribe((invalidation) => heard[index]!.push(invalidation)));
      const publishing = instances[0]!.invalidation.publish({ owner: 'key', id: 'hash-1' });
      expect(heard[0]).toEqual([{ owner: 'key', id: 'hash-1' }]);
      await publishing;
      const arrived = async (count: number) => {
        const deadline = Date.now() + 2_000;
        while (heard.some((list) => list.length < count) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      await arrived(1);
      await instances[2]!.invalidation.publish({ owner: 'all' });
      await arrived(2);
      await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more (no echo of one's own)
      expect(heard).toEqual([
        [{ owner: 'key', id: 'hash-1' }, { owner: 'all' }],
        [{ owner: 'key', id: 'hash-1' }, { owner: 'all' }],
        [{ owner: 'key', id: 'hash-1' }, { owner: 'all' }],
      ]);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });

  it('Redis gone: calls reject at once with store_unavailable, one log line each way, and it recovers', async () => {
    const keyPrefix = newPrefix();
    const { hostname, port } = new URL(redisUrl);
    const proxy = await startCutTcpProxy({ host: hostname, port: Number(port) });
    const lines: string[] = [];
    const logger: Logger = { debug: () => undefined, info: (_o, m = '') => void lines.push(`info: ${m}`), warn: (_o, m = '') => void lines.push(`warn: ${m}`), error: (_o, m = '') => void lines.push(`error: ${m}`) };
    let shared: SharedCounters | undefined;
    try {
      shared = await openRedisCounters({ url: `redis://127.0.0.1:${proxy.port}`, clock: Date.now, logger, keyPrefix });
      const rates = [{ id: 'key:down', rpmLimit: 100, tpmLimit: null }];
      expect((await shared.counters.reserve(reservation({ rates }))).ok).toBe(true);
      proxy.down();
      for (let index = 0; index < 5; index++) {
        const started = performance.now();
        const error = await shared.counters.reserve(reservation({ rates })).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'store_unavailable', status: 503 });
        expect(performance.now() - started).toBeLessThan(50);
      }
      expect(lines.filter((line) => line.startsWith('warn:'))).toHaveLength(1);
      proxy.up();
      const deadline = Date.now() + 5_000;
      let outcome = await shared.counters.reserve(reservation({ rates })).catch(() => undefined);
      while (outcome === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        outcome = await shared.counters.reserve(reservation({ rates })).catch(() => undefined);
      }
      expect(outcome?.ok).toBe(true);
      expect(lines).toEqual([
        expect.stringMatching(/^warn: budget and rate-limit counters: Redis is unreachable/),
        'info: budget and rate-limit counters: Redis is reachable again; sharing state with the other instances',
      ]);
      // Hung (connected, silent): the first call waits out the 250 ms command timeout, the next ones fail at once.
      proxy.hang();
      const hungStarted = performance.now();
      await expect(shared.counters.reserve(reservation({ rates }))).rejects.toMatchObject({ code: 'store_unavailable' });
      expect(performance.now() - hungStarted).toBeGreaterThanOrEqual(200);
      for (let index = 0; index < 5; index++) {
        const started = performance.now();
        await expect(shared.counters.reserve(reservation({ rates }))).rejects.toMatchObject({ code: 'store_unavailable' });
        expect(performance.now() - started).toBeLessThan(50);
      }
      expect(lines.filter((line) => line.startsWith('warn:'))).toHaveLength(2);
    } finally {
      await shared?.close();
      await proxy.close();
      await removeKeys(keyPrefix);
    }
  });
});
