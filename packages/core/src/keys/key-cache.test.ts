import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import type { KeyRecord, KeyStore } from '../stores/key-store.js';
import { KeyCache } from './key-cache.js';

function key(tokenHash: string, overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    tokenHash, keyName: 'sk-...abcd', keyAlias: null, userId: null, teamId: null, expiresAt: null, aliases: {}, tags: [], modelMaxBudget: {}, modelRpmLimit: {}, modelTpmLimit: {},
    createdBy: null, spend: 0n, maxBudget: null, softBudget: null, budgetDuration: null, budgetResetAt: null, tpmLimit: null, rpmLimit: null, maxParallelRequests: null,
    models: [], blocked: false, metadata: {}, createdAt: 0, updatedAt: 0, ...overrides,
  };
}

/** A store of one key whose reads can be counted, delayed and failed. */
function fakeStore(record: KeyRecord) {
  const state = { reads: 0, down: false, record, gate: undefined as Promise<void> | undefined };
  const store = {
    async getKey(hash: string) {
      state.reads++;
      if (state.down) throw new Error('down');
      const read = state.record; // what the database held when the read ran
      await state.gate;
      return hash === read.tokenHash ? read : undefined;
    },
    getTeam: async () => undefined,
    getUser: async () => undefined,
  } as unknown as KeyStore;
  return { store, state };
}

describe('the key cache', () => {
  it('loads once for concurrent misses, then answers from memory until the TTL', async () => {
    let now = 0;
    const { store, state } = fakeStore(key('a'));
    const cache = new KeyCache({ store: async () => store, clock: () => now, logger: silentLogger, ttlMs: 1000, maxEntries: 10 });
    expect(cache.peek('a')).toBeUndefined();
    const [first, second] = await Promise.all([cache.load('a'), cache.load('a')]);
    expect(first).toBe(second);
    expect(state.reads).toBe(1);
    expect(cache.peek('a')?.key.tokenHash).toBe('a');
    now = 1000;
    expect(cache.peek('a')).toBeUndefined();
    expect(await cache.load('unknown')).toBeNull();
    expect(cache.peek('unknown')).toBeNull();
  });

  it('an invalidation during a load does not let the stale read into the cache', async () => {
    const { store, state } = fakeStore(key('a', { blocked: false }));
    const cache = new KeyCache({ store: async () => store, clock: () => 0, logger: silentLogger, ttlMs: 1000, maxEntries: 10 });
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    const loading = cache.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    state.record = key('a', { blocked: true });
    cache.invalidate({ owner: 'key', id: 'a' });
    open();
    expect((await loading)?.key.blocked).toBe(false);
    expect(cache.peek('a')).toBeUndefined();
    state.gate = undefined;
    expect((await cache.load('a'))?.key.blocked).toBe(true);
  });

  it('serves a known key past its TTL while the store is down; an unknown key is a 503', async () => {
    let now = 0;
    const { store, state } = fakeStore(key('a'));
    const cache = new KeyCache({ store: async () => store, clock: () => now, logger: silentLogger, ttlMs: 1000, maxEntries: 10 });
    await cache.load('a');
    state.down = true;
    now = 5000;
    expect((await cache.load('a'))?.key.tokenHash).toBe('a');
    await expect(cache.load('b')).rejects.toMatchObject({ code: 'store_unavailable', status: 503 });
  });

  it('drops the keys of a team or user on their invalidation, and holds at most maxEntries', async () => {
    const records = ['k1', 'k2', 'k3'].map((hash, index) => key(hash, { teamId: index === 0 ? 't' : null }));
    const store = {
      getKey: async (hash: string) => records.find((record) => record.tokenHash === hash),
      getTeam: async () => undefined,
      getUser: async () => undefined,
    } as unknown as KeyStore;
    const cache = new KeyCache({ store: async () => store, clock: () => 0, logger: silentLogger, ttlMs: 1000, maxEntries: 2 });
    for (const record of records) await cache.load(record.tokenHash);
    expect(cache.size).toBe(2);
    expect(cache.peek('k1')).toBeUndefined(); // the oldest went
    await cache.load('k1');
    cache.invalidate({ owner: 'team', id: 't' });
    expect(cache.peek('k1')).toBeUndefined();
    expect(cache.peek('k3')).not.toBeUndefined();
  });
});
