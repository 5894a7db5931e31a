import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, openSqliteStore } from '@switchyard/store-sqlite';
import { summarizeRollups } from '@switchyard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from './support/store-contract.js';
import { T0, sha256, spendRecord } from './support/store-records.js';

// The driver the store uses, to look at the file as another tool (or an older release) would.
const Database = createRequire(new URL('../packages/stores/sqlite/package.json', import.meta.url))('better-sqlite3') as new (path: string) => {
  exec(sql: string): void;
  prepare(sql: string): { run(...parameters: unknown[]): unknown; all(...parameters: unknown[]): { detail?: string; version?: number }[] };
  close(): void;
};

describeStoreContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-sqlite-contract-'));
  const store = openSqliteStore({ url: 'sqlite://./contract.db', baseDir: dir });
  return Promise.resolve({ store, cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
});

describe('sqlite store: attempts and the status filter on a database of an older release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-sqlite-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a version-1 file with spend rows moves to the current version: old rows have no attempts, new ones do, failures filter', async () => {
    const path = join(dir, 'v1.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    old.exec(MIGRATIONS[0]!.sql);
    old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)').run();
    const keyHash = sha256('upgrade');
    old.prepare(`INSERT INTO spend_logs (request_id, key_hash, model, deployment, endpoint, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens,
      reasoning_tokens, cost, outcome, status, error_code, started_at, ended_at, duration_ms, tags)
      VALUES ('old-row', ?, 'gpt-4o-mini', 'gpt-4o-mini-1', 'chat/completions', 1, 1, 0, 0, 0, NULL, 'error', 502, 'upstream_error', ?, ?, 5, '[]')`).run(keyHash, T0, T0 + 5);
    old.close();

    const store = openSqliteStore({ url: `sqlite://${path}`, baseDir: dir });
    try {
      const attempts = [
        { deployment: 'a', modelGroup: 'gpt-4o-mini', status: 500, errorCode: 'server_error', durationMs: 3, fallback: false },
        { deployment: 'b', modelGroup: 'gpt-4o-mini', status: 200, errorCode: null, durationMs: 8, fallback: false },
      ];
      const fresh = spendRecord({ requestId: 'new-row', keyHash, startedAt: T0 + 10, attempts });
      await store.writeSpend([fresh]);
      const page = await store.querySpendLogs({ keyHash, limit: 10 });
      expect(page.records.map((record) => record.requestId)).toEqual(['new-row', 'old-row']);
      expect(page.records[0]).toEqual(fresh);
      expect(page.records[1]).not.toHaveProperty('attempts');
      expect((await store.querySpendLogs({ keyHash, status: 'failure', limit: 10 })).records.map((record) => record.requestId)).toEqual(['old-row']);
      expect((await store.querySpendLogs({ keyHash, status: 'success', limit: 10 })).records.map((record) => record.requestId)).toEqual(['new-row']);
    } finally {
      await store.close();
    }
    const reopened = new Database(path);
    expect(reopened.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    reopened.close();
  });

  it('a version-2 file with key rollups gets the model rollup filled from them, sums past 2^63 attoUSD exact', async () => {
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const migration of MIGRATIONS.slice(0, 2)) {
      old.exec(migration.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(migration.version);
    }
    const rollup = old.prepare(`INSERT INTO spend_daily_key (day, key_hash, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`);
    const big = '9000000000000000000000'; // $9,000 each: two pass 2^63 attoUSD
    rollup.run('2026-11-01', sha256('a'), 'gpt-4o', 3, 1, 30, 9, big);
    rollup.run('2026-11-01', sha256('b'), 'gpt-4o', 2, 0, 20, 4, big);
    rollup.run('2026-11-01', sha256('b'), 'gpt-4o-mini', 5, 0, 50, 5, '7');
    rollup.run('2026-11-02', sha256('a'), 'gpt-4o-mini', 1, 1, 1, 0, '0');
    old.close();

    const store = openSqliteStore({ url: `sqlite://${path}`, baseDir: dir });
    try {
      const query = { groupBy: 'model', fromDay: '2026-11-01', toDay: '2026-11-02', top: 6, limit: 500 } as const;
      const summary = await store.spendSummary!(query);
      expect(summary).toEqual(summarizeRollups(await store.spendReport({ groupBy: 'key', fromDay: '2026-11-01', toDay: '2026-11-02' }), query));
      expect(summary.groups.map((group) => [group.id, group.requests, group.failures, group.spend])).toEqual([
        ['gpt-4o', 5, 1, 18_000n * 10n ** 18n],
        ['gpt-4o-mini', 6, 1, 7n],
      ]);
      // And the writer keeps it from then on.
      await store.writeSpend([spendRecord({ keyHash: sha256('a'), model: 'gpt-4o-mini', startedAt: Date.UTC(2026, 10, 2, 12), cost: 5n })]);
      const after = await store.spendSummary!(query);
      expect(after.groups.find((group) => group.id === 'gpt-4o-mini')).toMatchObject({ requests: 7, spend: 12n });
    } finally {
      await store.close();
    }
  });

  it('keeps the model and key-total rollups right when an older release writes only the key rollup (a rolling upgrade)', async () => {
    const path = join(dir, 'rolling.db');
    const store = openSqliteStore({ url: `sqlite://${path}`, baseDir: dir });
    await store.writeSpend([spendRecord({ keyHash: sha256('new'), model: 'gpt-4o', startedAt: T0, cost: 5n })]);
    await store.close();
    // What a version-2 release's writer does: upsert the key rollup, with its own atto_add.
    const older = new Database(path) as InstanceType<typeof Database> & { function(name: string, fn: (left: unknown, right: unknown) => string): void };
    older.function('atto_add', (left, right) => (BigInt(String(left)) + BigInt(String(right))).toString());
    const upsert = older.prepare(`INSERT INTO spend_daily_key (day, key_hash, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend)
      VALUES (?, ?, ?, 1, 0, 10, 2, 0, 0, ?)
      ON CONFLICT (day, key_hash, model) DO UPDATE SET requests = requests + excluded.requests, failures = failures + excluded.failures,
        input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
        cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
        spend = atto_add(spend, excluded.spend)`);
    const day = new Date(T0).toISOString().slice(0, 10);
    upsert.run(day, sha256('new'), 'gpt-4o', '7');
    upsert.run(day, sha256('old'), 'gpt-4o', '9000000000000000000000');
    upsert.run(day, sha256('old'), 'gpt-4o', '9000000000000000000000');
    upsert.run(day, sha256('old'), 'o4-mini', '1');
    older.close();

    const reopened = openSqliteStore({ url: `sqlite://${path}`, baseDir: dir });
    try {
      const rows = await reopened.spendReport({ groupBy: 'key', fromDay: day, toDay: day });
      for (const groupBy of ['model', 'key'] as const) {
        const query = { groupBy, fromDay: day, toDay: day, top: 6, limit: 500 };
        const summary = await reopened.spendSummary!(query);
        expect({ ...summary, groups: summary.groups.map((group) => ({ ...group, label: null })) }).toEqual(summarizeRollups(rows, query));
      }
      const byModel = await reopened.spendSummary!({ groupBy: 'model', fromDay: day, toDay: day, top: 6, limit: 500 });
      expect(byModel.groups.map((group) => [group.id, group.requests, group.spend])).toEqual([
        ['gpt-4o', 4, 18_000n * 10n ** 18n + 12n],
        ['o4-mini', 1, 1n],
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('reads a page of failures from a partial index, alone or with any other filter, so rare failures are no full scan', async () => {
    const path = join(dir, 'plans.db');
    await openSqliteStore({ url: `sqlite://${path}`, baseDir: dir }).close();
    const database = new Database(path);
    try {
      // The WHERE the store builds for status=failure (with a cursor bound), as EXPLAIN QUERY PLAN sees it.
      const plan = (filter: string) =>
        database
          .prepare(`EXPLAIN QUERY PLAN SELECT * FROM spend_logs WHERE ${filter}outcome <> 'success' AND started_at <= ? AND (started_at < ? OR request_id < ?) ORDER BY started_at DESC, request_id DESC LIMIT 51`)
          .all(1, 1, 'r')
          .map((row) => row.detail)
          .join(' | ');
      expect(plan('')).toMatch(/USING INDEX spend_failed_by_time/);
      expect(plan("key_hash = 'k' AND ")).toMatch(/USING INDEX spend_failed_by_key \(key_hash=\?/);
      expect(plan("user_id = 'u' AND ")).toMatch(/USING INDEX spend_failed_by_user/);
      expect(plan("team_id = 't' AND started_at >= 0 AND ")).toMatch(/USING INDEX spend_failed_by_team/);
      expect(plan("model = 'm' AND ")).toMatch(/USING INDEX spend_failed_by_model/);
      expect(plan('')).not.toMatch(/TEMP B-TREE/);
    } finally {
      database.close();
    }
  });
});
