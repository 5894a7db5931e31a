import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGatewayError, summarizeRollups, type DataStore, type KeyRecord, type SpendRecord } from '@switchyard/core';
import { T0, USD, keyRecord, sha256, spendRecord, teamRecord, userRecord } from './store-records.js';

export interface OpenedDataStore {
  readonly store: DataStore;
  /** Drops what the suite created (a Postgres schema, a SQLite file); called after `store.close()`. */
  readonly cleanup: () => Promise<void>;
}

const DAY = 86_400_000;

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isGatewayError(error) ? error.code : error).toBe(code);
}

/**
 * Every DataStore (SQLite, Postgres) passes this: keys, teams and users stored and found as
 * given, money exact beyond 64 bits, spend writes idempotent by request id with rollups and
 * owner spend moved once, spend-log filters and cursor pages without gaps or repeats.
 * One store for the whole suite; each test uses its own ids.
 */
export function describeStoreContract(name: string, open: () => Promise<OpenedDataStore>): void {
  describe(`data store contract: ${name}`, () => {
    let opened: OpenedDataStore;
    let store: DataStore;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      await store?.close();
      await opened?.cleanup();
    });

    describe('keys', () => {
      it('stores a key as given and finds it by hash and by alias', async () => {
        const record = keyRecord({
          keyAlias: `alias-${Math.random()}`,
          userId: 'u-1',
          teamId: 't-1',
          maxBudget: 123_456_789n * USD + 123_456_789_012_345_678n,
          softBudget: 5n * USD,
          budgetDuration: '30d',
          budgetResetAt: T0 + 30 * DAY,
          tpmLimit: 1000,
          rpmLimit: 10,
          maxParallelRequests: 2,
          models: ['gpt-4o', 'my-access-group'],
          metadata: { owner: 'ada', nested: { n: 1, list: [1, 'two'] } },
          expiresAt: T0 + DAY,
          aliases: { fast: 'gpt-4o-mini' },
          tags: ['prod', 'team-a'],
          modelMaxBudget: { 'gpt-4o': { budgetLimit: 2n * USD, timePeriod: '1d' } },
          modelRpmLimit: { 'gpt-4o': 5 },
          modelTpmLimit: { 'gpt-4o': 500 },
          createdBy: 'master_key',
          spend: 7n,
        });
        expect(await store.createKey(record)).toEqual(record);
        expect(await store.getKey(record.tokenHash)).toEqual(record);
        expect(await store.getKeyByAlias(record.keyAlias!)).toEqual(record);
        expect(await store.getKey(sha256('no such key'))).toBeUndefined();
        expect(await store.getKeyByAlias('no such alias')).toBeUndefined();
      });

      it('refuses a second key with the same hash or the same alias', async () => {
        const alias = `dup-${Math.random()}`;
        const first = await store.createKey(keyRecord({ keyAlias: alias }));
        await rejectsWithCode(store.createKey(keyRecord({ keyAlias: alias })), 'duplicate_record');
        await rejectsWithCode(store.createKey({ ...keyRecord(), tokenHash: first.tokenHash }), 'duplicate_record');
        // Keys without an alias do not collide with each other.
        await store.createKey(keyRecord());
        await store.createKey(keyRecord());
      });

      it('an update changes the fields given and keeps the others', async () => {
        const record = await store.createKey(keyRecord({ rpmLimit: 10, models: ['a'], metadata: { x: 1 }, spend: 3n }));
        const updated = await store.updateKey(record.tokenHash, { rpmLimit: null, models: ['b', 'c'], blocked: true, updatedAt: T0 + 5, maxBudget: 9n * USD });
        const expected: KeyRecord = { ...record, rpmLimit: null, models: ['b', 'c'], blocked: true, updatedAt: T0 + 5, maxBudget: 9n * USD };
        expect(updated).toEqual(expected);
        expect(await store.getKey(record.tokenHash)).toEqual(expected);
        expect(await store.updateKey(sha256('missing'), { blocked: true })).toBeUndefined();
      });

      it('an update to an alias another key holds is refused', async () => {
        const alias = `taken-${Math.random()}`;
        await store.createKey(keyRecord({ keyAlias: alias }));
        const other = await store.createKey(keyRecord());
        await rejectsWithCode(store.updateKey(other.tokenHash, { keyAlias: alias }), 'duplicate_record');
      });

      it('regenerate moves the record to a new hash; the old one is gone', async () => {
        const record = await store.createKey(keyRecord({ keyAlias: `regen-${Math.random()}`, spend: 5n, maxBudget: USD }));
        const next = sha256('the new key');
        const moved = await store.replaceKeyHash(record.tokenHash, { tokenHash: next, keyName: 'sk-...newk', patch: { maxBudget: 2n * USD, updatedAt: T0 + 9 } });
        expect(moved).toEqual({ ...record, tokenHash: next, keyName: 'sk-...newk', maxBudget: 2n * USD, updatedAt: T0 + 9 });
        expect(await store.getKey(record.tokenHash)).toBeUndefined();
        expect(await store.getKey(next)).toEqual(moved);
        expect(await store.getKeyByAlias(record.keyAlias!)).toEqual(moved);
        expect(await store.replaceKeyHash(sha256('missing'), { tokenHash: sha256('x'), keyName: 'sk-...x' })).toBeUndefined();
      });

      it('deletes the keys that exist and reports which', async () => {
        const a = await store.createKey(keyRecord());
        const b = await store.createKey(keyRecord());
        const missing = sha256('never created');
        const deleted = await store.deleteKeys([a.tokenHash, missing, b.tokenHash]);
        expect([...deleted].sort()).toEqual([a.tokenHash, b.tokenHash].sort());
        expect(await store.getKey(a.tokenHash)).toBeUndefined();
        expect(await store.deleteKeys([a.tokenHash])).toEqual([]);
      });

      it('lists keys newest first, filtered by user, team or alias, in pages with the total', async () => {
        const team = `list-team-${Math.random()}`;
        const created: KeyRecord[] = [];
        for (let index = 0; index < 5; index++) {
          created.push(await store.createKey(keyRecord({ teamId: team, userId: index % 2 === 0 ? `${team}-even` : `${team}-odd`, createdAt: T0 + index * 1000, keyAlias: `${team}-${index}` })));
        }
        const first = await store.listKeys({ teamId: team, offset: 0, limit: 2 });
        expect(first.total).toBe(5);
        expect(first.records.map((record) => record.keyAlias)).toEqual([`${team}-4`, `${team}-3`]);
        const last = await store.listKeys({ teamId: team, offset: 4, limit: 2 });
        expect(last.records.map((record) => record.keyAlias)).toEqual([`${team}-0`]);
        const even = await store.listKeys({ userId: `${team}-even`, offset: 0, limit: 10 });
        expect(even.total).toBe(3);
        expect(even.records.map((record) => record.keyAlias)).toEqual([`${team}-4`, `${team}-2`, `${team}-0`]);
        const byAlias = await store.listKeys({ keyAlias: `${team}-3`, offset: 0, limit: 10 });
        expect(byAlias.records).toEqual([created[3]]);
        const both = await store.listKeys({ teamId: team, userId: `${team}-odd`, offset: 0, limit: 10 });
        expect(both.total).toBe(2);
      });
    });

    describe('teams and users', () => {
      it('creates, reads, updates, lists and deletes teams', async () => {
        const team = teamRecord({ teamAlias: 'Research', maxBudget: 50n * USD, budgetDuration: '7d', budgetResetAt: T0 + 7 * DAY, models: ['gpt-4o'], members: ['u1', 'u2'], metadata: { cost_center: 42 } });
        expect(await store.createTeam(team)).toEqual(team);
        await rejectsWithCode(store.createTeam(team), 'duplicate_record');
        expect(await store.getTeam(team.teamId)).toEqual(team);
        const updated = await store.updateTeam(team.teamId, { members: ['u1'], rpmLimit: 30, updatedAt: T0 + 1 });
        expect(updated).toEqual({ ...team, members: ['u1'], rpmLimit: 30, updatedAt: T0 + 1 });
        expect(await store.updateTeam('no-such-team', { rpmLimit: 1 })).toBeUndefined();
        const listed = await store.listTeams({ offset: 0, limit: 1000 });
        expect(listed.records).toContainEqual(updated);
        expect(listed.total).toBeGreaterThanOrEqual(1);
        expect(await store.deleteTeams([team.teamId, 'no-such-team'])).toEqual([team.teamId]);
        expect(await store.getTeam(team.teamId)).toBeUndefined();
      });

      it('lists teams oldest first in pages', async () => {
        const base = T0 + 1_000_000 + Math.floor(Math.random() * 1000);
        const ids: string[] = [];
        for (let index = 0; index < 3; index++) ids.push((await store.createTeam(teamRecord({ createdAt: base + index }))).teamId);
        const all = await store.listTeams({ offset: 0, limit: 1000 });
        const order = all.records.map((record) => record.teamId).filter((id) => ids.includes(id));
        expect(order).toEqual(ids);
        const page = await store.listTeams({ offset: 1, limit: 1 });
        expect(page.records).toHaveLength(1);
        expect(page.total).toBe(all.total);
      });

      it('creates, reads, updates, lists and deletes users', async () => {
        const team = `users-team-${Math.random()}`;
        const user = userRecord({ userEmail: 'ada@example.com', userRole: 'proxy_admin', teams: [team], maxBudget: 3n * USD, metadata: { a: [true, null] } });
        expect(await store.createUser(user)).toEqual(user);
        await rejectsWithCode(store.createUser(user), 'duplicate_record');
        expect(await store.getUser(user.userId)).toEqual(user);
        const updated = await store.updateUser(user.userId, { userRole: 'internal_user', tpmLimit: 9, updatedAt: T0 + 2 });
        expect(updated).toEqual({ ...user, userRole: 'internal_user', tpmLimit: 9, updatedAt: T0 + 2 });
        await store.createUser(userRecord({ teams: [] }));
        const inTeam = await store.listUsers({ teamId: team, offset: 0, limit: 10 });
        expect(inTeam.records).toEqual([updated]);
        expect(inTeam.total).toBe(1);
        expect(await store.deleteUsers([user.userId])).toEqual([user.userId]);
        expect(await store.getUser(user.userId)).toBeUndefined();
      });
    });

    describe('budget resets', () => {
      it('lists due budgets of keys, teams and users and resets each once', async () => {
        const now = T0 + 400 * DAY + Math.floor(Math.random() * DAY);
        const key = await store.createKey(keyRecord({ budgetDuration: '1d', budgetResetAt: now - 10, spend: 5n * USD }));
        const team = await store.createTeam(teamRecord({ budgetDuration: '7d', budgetResetAt: now - 5, spend: 7n }));
        const user = await store.createUser(userRecord({ budgetDuration: '30s', budgetResetAt: now, spend: 1n }));
        const notYet = await store.createKey(keyRecord({ budgetDuration: '1d', budgetResetAt: now + 1, spend: 1n }));
        const due = (await store.dueBudgets(now, 1000)).filter((entry) => [key.tokenHash, team.teamId, user.userId, notYet.tokenHash].includes(entry.id));
        expect(due).toEqual([
          { owner: 'key', id: key.tokenHash, budgetDuration: '1d', budgetResetAt: now - 10 },
          { owner: 'team', id: team.teamId, budgetDuration: '7d', budgetResetAt: now - 5 },
          { owner: 'user', id: user.userId, budgetDuration: '30s', budgetResetAt: now },
        ]);
        const [keyDue] = due;
        expect(await store.resetBudget(keyDue!, now + DAY)).toBe(true);
        // A second instance resetting the same window finds it already moved on.
        expect(await store.resetBudget(keyDue!, now + DAY)).toBe(false);
        expect(await store.getKey(key.tokenHash)).toMatchObject({ spend: 0n, budgetResetAt: now + DAY });
        expect(await store.resetBudget(due[1]!, now + 7 * DAY)).toBe(true);
        expect(await store.getTeam(team.teamId)).toMatchObject({ spend: 0n, budgetResetAt: now + 7 * DAY });
        expect(await store.resetBudget(due[2]!, now + 30_000)).toBe(true);
        expect(await store.getUser(user.userId)).toMatchObject({ spend: 0n, budgetResetAt: now + 30_000 });
        expect(await store.getKey(notYet.tokenHash)).toMatchObject({ spend: 1n });
      });
    });

    describe('spend', () => {
      it('writes a batch once: a repeated batch inserts nothing and moves no totals', async () => {
        const key = await store.createKey(keyRecord({ spend: 1n }));
        const team = await store.createTeam(teamRecord());
        const user = await store.createUser(userRecord());
        const owners = { keyHash: key.tokenHash, teamId: team.teamId, userId: user.userId };
        // 0.1 + 0.2 USD: exact in attoUSD, where floats give 0.30000000000000004.
        const batch = [spendRecord({ ...owners, cost: USD / 10n }), spendRecord({ ...owners, cost: USD / 5n })];
        expect(await store.writeSpend(batch)).toEqual({ inserted: 2 });
        expect(await store.writeSpend(batch)).toEqual({ inserted: 0 });
        expect(await store.writeSpend([batch[0]!, spendRecord({ ...owners, cost: 3n })])).toEqual({ inserted: 1 });
        expect((await store.getKey(key.tokenHash))?.spend).toBe(1n + (3n * USD) / 10n + 3n);
        expect((await store.getTeam(team.teamId))?.spend).toBe((3n * USD) / 10n + 3n);
        expect((await store.getUser(user.userId))?.spend).toBe((3n * USD) / 10n + 3n);
        const report = await store.spendReport({ groupBy: 'key', fromDay: '2026-12-02', toDay: '2026-12-02', id: key.tokenHash });
        expect(report).toEqual([
          { day: '2026-12-02', id: key.tokenHash, model: 'gpt-4o-mini', requests: 3, failures: 0, inputTokens: 30, outputTokens: 15, cachedInputTokens: 0, reasoningTokens: 0, spend: (3n * USD) / 10n + 3n },
        ]);
      });

      it('concurrent overlapping batches still write each row once', async () => {
        const key = await store.createKey(keyRecord());
        const rows = Array.from({ length: 40 }, (_, index) => spendRecord({ keyHash: key.tokenHash, cost: BigInt(index + 1) }));
        const results = await Promise.all([store.writeSpend(rows.slice(0, 30)), store.writeSpend(rows.slice(10, 40)), store.writeSpend(rows)]);
        expect(results.reduce((sum, result) => sum + result.inserted, 0)).toBe(40);
        expect((await store.getKey(key.tokenHash))?.spend).toBe(BigInt((40 * 41) / 2));
        const page = await store.querySpendLogs({ keyHash: key.tokenHash, limit: 100 });
        expect(page.records).toHaveLength(40);
      });

      it('keeps every field of a row, money beyond 64 bits and unpriced rows included', async () => {
        const keyHash = sha256(`fields-${Math.random()}`);
        const row = spendRecord({
          keyHash,
          keyAlias: 'alias',
          teamId: 'team-x',
          userId: 'user-x',
          model: 'claude-sonnet',
          deployment: 'claude-sonnet-eu',
          provider: 'anthropic',
          endpoint: 'messages',
          inputTokens: 1200,
          outputTokens: 300,
          cachedInputTokens: 1000,
          cacheWriteTokens: 50,
          reasoningTokens: 120,
          cost: 10n ** 25n + 1n,
          outcome: 'aborted',
          status: 200,
          errorCode: 'client_closed_request',
          startedAt: T0 + 123,
          endedAt: T0 + 4567,
          durationMs: 4444,
          tags: ['a', 'b'],
        });
        const unpriced = spendRecord({ keyHash, cost: null, outcome: 'error', status: 502, errorCode: 'upstream_error', startedAt: T0 + 1, inputTokens: 0, outputTokens: 0 });
        await store.writeSpend([row, unpriced]);
        const page = await store.querySpendLogs({ keyHash, limit: 10 });
        expect(page.records).toEqual([row, unpriced]);
        expect(page.nextCursor).toBeNull();
        const report = await store.spendReport({ groupBy: 'key', fromDay: '2026-12-02', toDay: '2026-12-02', id: keyHash });
        expect(report.map((entry) => [entry.model, entry.requests, entry.failures, entry.spend])).toEqual([
          ['claude-sonnet', 1, 1, 10n ** 25n + 1n],
          ['gpt-4o-mini', 1, 1, 0n],
        ]);
      });

      it('filters the log by key, user, team, model, request id and time range', async () => {
        const tag = Math.random().toString(36).slice(2);
        const keyA = sha256(`a-${tag}`);
        const keyB = sha256(`b-${tag}`);
        const rows: SpendRecord[] = [
          spendRecord({ requestId: `${tag}-1`, keyHash: keyA, userId: `u-${tag}`, teamId: `t-${tag}`, model: 'm1', startedAt: T0 + 1000 }),
          spendRecord({ requestId: `${tag}-2`, keyHash: keyA, userId: `u-${tag}`, model: 'm2', startedAt: T0 + 2000 }),
          spendRecord({ requestId: `${tag}-3`, keyHash: keyB, teamId: `t-${tag}`, model: `m1`, startedAt: T0 + 3000 }),
          spendRecord({ requestId: `${tag}-4`, keyHash: keyB, model: `m-${tag}`, startedAt: T0 + 4000 }),
        ];
        await store.writeSpend(rows);
        const ids = async (query: Parameters<DataStore['querySpendLogs']>[0]) => (await store.querySpendLogs(query)).records.map((record) => record.requestId);
        expect(await ids({ keyHash: keyA, limit: 10 })).toEqual([`${tag}-2`, `${tag}-1`]);
        expect(await ids({ userId: `u-${tag}`, limit: 10 })).toEqual([`${tag}-2`, `${tag}-1`]);
        expect(await ids({ teamId: `t-${tag}`, limit: 10 })).toEqual([`${tag}-3`, `${tag}-1`]);
        expect(await ids({ model: `m-${tag}`, limit: 10 })).toEqual([`${tag}-4`]);
        expect(await ids({ requestId: `${tag}-3`, limit: 10 })).toEqual([`${tag}-3`]);
        expect(await ids({ keyHash: keyB, model: 'm1', limit: 10 })).toEqual([`${tag}-3`]);
        expect(await ids({ keyHash: keyA, from: T0 + 1500, limit: 10 })).toEqual([`${tag}-2`]);
        expect(await ids({ keyHash: keyB, from: T0 + 3000, to: T0 + 4000, limit: 10 })).toEqual([`${tag}-3`]);
        expect(await ids({ keyHash: sha256('nobody'), limit: 10 })).toEqual([]);
      });

      it('pages through the log with a cursor: newest first, no gaps, no repeats, equal times included', async () => {
        const keyHash = sha256(`paging-${Math.random()}`);
        // 25 rows, five per millisecond, so the cursor must break ties by request id.
        const rows = Array.from({ length: 25 }, (_, index) => spendRecord({ keyHash, requestId: `p-${String(index).padStart(2, '0')}-${keyHash.slice(0, 6)}`, startedAt: T0 + Math.floor(index / 5) }));
        await store.writeSpend(rows);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.querySpendLogs({ keyHash, limit: 7, ...(cursor === undefined ? {} : { cursor }) });
          seen.push(...page.records.map((record) => record.requestId));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor !== undefined && pages < 10);
        expect(pages).toBe(4);
        const expected = [...rows].sort((a, b) => b.startedAt - a.startedAt || (a.requestId < b.requestId ? 1 : -1)).map((row) => row.requestId);
        expect(seen).toEqual(expected);
      });

      it('sums the exact cost of every row since a time, whoever sent it, unpriced rows as nothing (spendTotal)', async () => {
        // Far ahead of every other test's rows, so the sum is this test's alone.
        const from = Date.UTC(2091, 0, 1);
        const rows = [
          spendRecord({ startedAt: from - 1, cost: 7n * USD }), // before: not counted
          spendRecord({ startedAt: from, cost: USD / 10n }), // the master key's (no key hash)
          spendRecord({ startedAt: from + 1, keyHash: sha256(`total-${Math.random()}`), cost: USD / 5n }),
          spendRecord({ startedAt: from + 2, cost: null, outcome: 'error', status: 502 }),
          spendRecord({ startedAt: from + 3, cost: 123_456_789_012_345_678_901n }), // beyond 64 bits
        ];
        await store.writeSpend(rows);
        expect(await store.spendTotal!({ from })).toBe(USD / 10n + USD / 5n + 123_456_789_012_345_678_901n);
        expect(await store.spendTotal!({ from: from + 4 })).toBe(0n);
      });

      it("keeps a row's router attempts in order; [] and no attempts at all come back as written", async () => {
        const keyHash = sha256(`attempts-${Math.random()}`);
        const failedOver = spendRecord({
          keyHash,
          deployment: 'gpt-4o-b',
          startedAt: T0 + 3,
          attempts: [
            { deployment: 'gpt-4o-a', modelGroup: 'gpt-4o', status: 429, errorCode: 'rate_limit_exceeded', durationMs: 12, fallback: false },
            { deployment: 'gpt-4o-b', modelGroup: 'gpt-4o', status: 200, errorCode: null, durationMs: 340, fallback: false },
            { deployment: 'claude-eu', modelGroup: 'claude "fallback" ✓', status: 200, errorCode: null, durationMs: 0, fallback: true },
          ],
        });
        const refused = spendRecord({ keyHash, deployment: null, outcome: 'error', status: 429, errorCode: 'budget_exceeded', startedAt: T0 + 2, attempts: [] });
        const before = spendRecord({ keyHash, startedAt: T0 + 1 });
        await store.writeSpend([failedOver, refused, before]);
        const page = await store.querySpendLogs({ keyHash, limit: 10 });
        expect(page.records).toEqual([failedOver, refused, before]);
        expect(page.records[2]).not.toHaveProperty('attempts');
      });

      it('filters by status (failure = error or aborted) in cursor pages, composed with key, model, team and a time range', async () => {
        const tag = Math.random().toString(36).slice(2);
        const keyHash = sha256(`status-${tag}`);
        const teamId = `status-team-${tag}`;
        // 40 rows, four per millisecond (ties broken by request id); every third failed, as errors and aborts.
        const rows = Array.from({ length: 40 }, (_, index) =>
          spendRecord({
            keyHash,
            teamId,
            requestId: `s-${tag}-${String(index).padStart(2, '0')}`,
            model: index % 2 === 0 ? `even-${tag}` : `odd-${tag}`,
            startedAt: T0 + Math.floor(index / 4),
            ...(index % 3 === 0 ? { outcome: index % 2 === 0 ? ('error' as const) : ('aborted' as const), status: index % 2 === 0 ? 502 : 200, errorCode: 'upstream_error', cost: null } : {}),
          }),
        );
        await store.writeSpend(rows);
        const newestFirst = (list: readonly SpendRecord[]) => [...list].sort((a, b) => b.startedAt - a.startedAt || (a.requestId < b.requestId ? 1 : -1)).map((row) => row.requestId);
        const pages = async (query: Omit<Parameters<DataStore['querySpendLogs']>[0], 'limit' | 'cursor'>) => {
          const seen: string[] = [];
          let cursor: string | undefined;
          let count = 0;
          do {
            const page = await store.querySpendLogs({ ...query, limit: 3, ...(cursor === undefined ? {} : { cursor }) });
            expect(page.records.length).toBeLessThanOrEqual(3);
            seen.push(...page.records.map((record) => record.requestId));
            cursor = page.nextCursor ?? undefined;
            count++;
          } while (cursor !== undefined && count < 30);
          return seen;
        };
        const failed = rows.filter((row) => row.outcome !== 'success');
        const succeeded = rows.filter((row) => row.outcome === 'success');
        expect(failed).toHaveLength(14);
        expect(await pages({ keyHash, status: 'failure' })).toEqual(newestFirst(failed));
        expect(await pages({ keyHash, status: 'success' })).toEqual(newestFirst(succeeded));
        expect(await pages({ teamId, status: 'failure' })).toEqual(newestFirst(failed));
        expect(await pages({ model: `even-${tag}`, status: 'failure' })).toEqual(newestFirst(failed.filter((row) => row.model === `even-${tag}`)));
        expect(await pages({ keyHash, model: `odd-${tag}`, status: 'success' })).toEqual(newestFirst(succeeded.filter((row) => row.model === `odd-${tag}`)));
        const inRange = (row: SpendRecord) => row.startedAt >= T0 + 2 && row.startedAt < T0 + 7;
        expect(await pages({ keyHash, status: 'failure', from: T0 + 2, to: T0 + 7 })).toEqual(newestFirst(failed.filter(inRange)));
        expect(await pages({ requestId: `s-${tag}-03`, status: 'failure' })).toEqual([`s-${tag}-03`]);
        expect(await pages({ requestId: `s-${tag}-03`, status: 'success' })).toEqual([]);
        // Without a status, both, as before.
        expect(await pages({ keyHash })).toEqual(newestFirst(rows));
      });

      it('rolls up per UTC day by key and by team, and filters the report', async () => {
        const tag = Math.random().toString(36).slice(2);
        const keyHash = sha256(`report-${tag}`);
        const teamId = `report-team-${tag}`;
        const day1 = Date.UTC(2026, 10, 30, 23, 59, 59, 999);
        const day2 = Date.UTC(2026, 11, 1, 0, 0, 0);
        await store.writeSpend([
          spendRecord({ keyHash, teamId, model: 'a', startedAt: day1, cost: 5n, inputTokens: 1, outputTokens: 2, cachedInputTokens: 1, reasoningTokens: 1 }),
          spendRecord({ keyHash, teamId, model: 'a', startedAt: day2, cost: 7n }),
          spendRecord({ keyHash, teamId, model: 'b', startedAt: day2, cost: 11n, outcome: 'error', status: 500 }),
          spendRecord({ keyHash: null, teamId, model: 'b', startedAt: day2, cost: 13n }),
        ]);
        const byKey = await store.spendReport({ groupBy: 'key', fromDay: '2026-11-30', toDay: '2026-12-01', id: keyHash });
        expect(byKey.map((row) => [row.day, row.model, row.requests, row.failures, row.spend])).toEqual([
          ['2026-11-30', 'a', 1, 0, 5n],
          ['2026-12-01', 'a', 1, 0, 7n],
          ['2026-12-01', 'b', 1, 1, 11n],
        ]);
        expect(byKey[0]).toMatchObject({ inputTokens: 1, outputTokens: 2, cachedInputTokens: 1, reasoningTokens: 1 });
        const byTeam = await store.spendReport({ groupBy: 'team', fromDay: '2026-12-01', toDay: '2026-12-01', id: teamId });
        expect(byTeam.map((row) => [row.day, row.id, row.model, row.requests, row.spend])).toEqual([
          ['2026-12-01', teamId, 'a', 1, 7n],
          ['2026-12-01', teamId, 'b', 2, 24n],
        ]);
        const onlyB = await store.spendReport({ groupBy: 'team', fromDay: '2026-11-01', toDay: '2026-12-31', id: teamId, model: 'b' });
        expect(onlyB.map((row) => row.spend)).toEqual([24n]);
        const all = await store.spendReport({ groupBy: 'key', fromDay: '2026-12-01', toDay: '2026-12-01' });
        expect(all.filter((row) => row.id === keyHash)).toHaveLength(2);
      });

      it('summarizes by model, key and team exactly as the sum of the report rows, with aliases, keyed rows only by model (spendSummary)', async () => {
        if (store.spendSummary === undefined) throw new Error(`${name} has no spendSummary`);
        const tag = Math.random().toString(36).slice(2);
        const key = await store.createKey(keyRecord({ keyAlias: `summary-${tag}` }));
        const team = await store.createTeam(teamRecord({ teamAlias: `Summary team ${tag}` }));
        const otherKey = sha256(`summary-other-${tag}`);
        // Days no other test writes, models no other test uses; one cost past 2^63 attoUSD.
        const at = (day: number, hour: number) => Date.UTC(2031, 0, day, hour);
        const rows = [
          spendRecord({ keyHash: key.tokenHash, teamId: team.teamId, model: `m1-${tag}`, startedAt: at(1, 0), cost: 6_000n * USD, inputTokens: 7, outputTokens: 3 }),
          spendRecord({ keyHash: key.tokenHash, teamId: team.teamId, model: `m1-${tag}`, startedAt: at(1, 23), cost: 5_000n * USD + 1n, outcome: 'error', status: 502 }),
          spendRecord({ keyHash: key.tokenHash, teamId: null, model: `m2-${tag}`, startedAt: at(2, 5), cost: 9n }),
          spendRecord({ keyHash: otherKey, teamId: team.teamId, model: `m2-${tag}`, startedAt: at(3, 5), cost: null }),
          spendRecord({ keyHash: otherKey, teamId: null, model: `m3-${tag}`, startedAt: at(3, 6), cost: 4n }),
          // No key (the master key): in the team rollup, in neither the key nor the model one.
          spendRecord({ keyHash: null, teamId: team.teamId, model: `m3-${tag}`, startedAt: at(2, 1), cost: 1_000n }),
        ];
        await store.writeSpend(rows.slice(0, 1));
        // The rest later: the first row's key × model × day rollup row is added to, not created.
        await store.writeSpend(rows);
        await store.writeSpend(rows.slice(0, 2));
        const range = { fromDay: '2031-01-01', toDay: '2031-01-03' };
        for (const groupBy of ['model', 'key', 'team'] as const) {
          const query = { groupBy, ...range, top: 2, limit: 500 };
          const reported = await store.spendReport({ groupBy: groupBy === 'team' ? 'team' : 'key', ...range });
          const summary = await store.spendSummary(query);
          const expected = summarizeRollups(reported, query);
          expect(summary.groups.map((group) => ({ ...group, label: null }))).toEqual(expected.groups);
          expect(summary.totals).toEqual(expected.totals);
          expect(summary.series).toEqual(expected.series);
          expect(summary.moreGroups).toBe(0);
        }
        const byModel = await store.spendSummary({ groupBy: 'model', ...range, top: 1, limit: 2 });
        expect(byModel.groups.map((group) => [group.id, group.requests, group.failures, group.spend])).toEqual([
          [`m1-${tag}`, 2, 1, 11_000n * USD + 1n],
          [`m2-${tag}`, 2, 0, 9n],
        ]);
        expect(byModel.groups[0]).toMatchObject({ label: null, inputTokens: 17, outputTokens: 8 });
        expect(byModel.moreGroups).toBe(1);
        expect(byModel.totals).toMatchObject({ requests: 5, spend: 11_000n * USD + 14n });
        expect(byModel.series).toEqual([{ day: '2031-01-01', id: `m1-${tag}`, requests: 2, spend: 11_000n * USD + 1n }]);
        const byKey = await store.spendSummary({ groupBy: 'key', ...range, top: 6, limit: 500 });
        expect(byKey.groups.map((group) => [group.id, group.label])).toEqual([[key.tokenHash, `summary-${tag}`], [otherKey, null]]);
        expect(byKey.totals).toEqual(byModel.totals);
        const byTeam = await store.spendSummary({ groupBy: 'team', ...range, top: 6, limit: 500 });
        expect(byTeam.groups.map((group) => [group.id, group.label, group.requests, group.spend])).toEqual([[team.teamId, `Summary team ${tag}`, 4, 11_000n * USD + 1_001n]]);
        const empty = await store.spendSummary({ groupBy: 'model', fromDay: '2031-02-01', toDay: '2031-02-03', top: 6, limit: 500 });
        expect(empty).toEqual({ groups: [], moreGroups: 0, totals: { requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, spend: 0n }, series: [] });
      });
    });

    it('answers ping', async () => {
      await store.ping();
      expect(store.description).not.toMatch(/:[^/@:]+@/);
    });
  });
}
