import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { silentLogger, summarizeRollups, type SpendRecord } from '@switchyard/core';
import { ALL_MIGRATIONS, openPostgresStore, postgresOptionsFromUrl, resolvePostgresOptions, runMigrations, type PostgresDataStore } from '@switchyard/store-postgres';
import { adminQuery, dropSchema, postgresUrlVia, uniqueSchemaName } from './support/postgres-schema.js';
import { postgresUrl, requireService } from './support/services.js';
import { startTcpProxy } from './support/tcp-proxy.js';

const postgres = await requireService('postgres', 'Postgres store: schema, migrations, spend batches');
const schemas: string[] = [];
const stores: PostgresDataStore[] = [];

function freshSchema(): string {
  const schema = uniqueSchemaName('store_pg');
  schemas.push(schema);
  return schema;
}

async function open(schema: string, extra: { poolSize?: number; url?: string; statementTimeoutMs?: number } = {}): Promise<PostgresDataStore> {
  const store = await openPostgresStore({
    connectionString: extra.url ?? postgresUrl, schema, poolSize: extra.poolSize, connectionTimeoutMs: 1_000, statementTimeoutMs: extra.statementTimeoutMs,
  });
  stores.push(store);
  return store;
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
  if (postgres.available) for (const schema of schemas) await dropSchema(schema);
});

function row(requestId: string, overrides: Partial<SpendRecord> = {}): SpendRecord {
  return {
    requestId, keyHash: 'a'.repeat(64), keyAlias: 'app', teamId: 'team-1', userId: 'user-1', model: 'gpt-4o-mini',
    deployment: 'd1', provider: 'openai', endpoint: 'chat/completions', inputTokens: 10, outputTokens: 5,
    cachedInputTokens: 2, cacheWriteTokens: 0, reasoningTokens: 0, cost: 1n, outcome: 'success', status: 200, errorCode: null,
    startedAt: Date.UTC(2026, 11, 1, 10), endedAt: Date.UTC(2026, 11, 1, 10) + 1250, durationMs: 1250, tags: ['a'],
    ...overrides,
  };
}

describe('options', () => {
  it('are checked when the store is built', () => {
    expect(() => resolvePostgresOptions({ connectionString: 'mysql://x' })).toThrow(/postgresql:\/\//);
    expect(() => resolvePostgresOptions({ connectionString: postgresUrl, schema: 'Bad-Name' })).toThrow(/schema/);
    expect(() => resolvePostgresOptions({ connectionString: postgresUrl, poolSize: 0 })).toThrow(/poolSize/);
    expect(() => resolvePostgresOptions({ connectionString: postgresUrl, schema: 'pg_mine' })).toThrow(/reserved/);
    expect(resolvePostgresOptions({ connectionString: postgresUrl }).poolSize).toBe(10);
  });

  it('are read from database_url with the parameter names of Prisma, which do not reach pg', () => {
    expect(postgresOptionsFromUrl('postgresql://app:pw@db:5432/x?schema=gw&connection_limit=4&pool_timeout=3&sslmode=require')).toEqual({
      connectionString: 'postgresql://app:pw@db:5432/x?sslmode=require', schema: 'gw', poolSize: 4, connectionTimeoutMs: 3_000,
    });
    expect(() => postgresOptionsFromUrl('postgresql://db/x?connection_limit=many')).toThrow(/connection_limit/);
  });
});

describe.skipIf(!postgres.available)('migrations', () => {
  it('create the schema once even when five instances start at the same moment', async () => {
    const schema = freshSchema();
    const opened = await Promise.all(Array.from({ length: 5 }, () => open(schema, { poolSize: 2 })));
    const applied = opened.map((store) => store.migrations.applied.length);
    expect(applied.sort()).toEqual([0, 0, 0, 0, ALL_MIGRATIONS.length]);
    const versions = await adminQuery<{ version: number }>(`SELECT version FROM "${schema}".switchyard_migrations ORDER BY version`);
    expect(versions.map((entry) => entry.version)).toEqual(ALL_MIGRATIONS.map((migration) => migration.version));
    const tables = await adminQuery<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
    expect(tables.map((entry) => entry.table_name)).toEqual(
      ['keys', 'spend_daily_key', 'spend_daily_key_total', 'spend_daily_model', 'spend_daily_team', 'spend_logs', 'switchyard_migrations', 'teams', 'users']);
  });

  it('index every /spend/logs filter in pagination order', async () => {
    const schema = freshSchema();
    await open(schema);
    const indexes = await adminQuery<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'spend_logs'`, [schema]);
    for (const column of ['key_hash', 'user_id', 'team_id', 'model']) {
      expect(indexes.some((index) => index.indexdef.includes(`(${column}, start_time DESC, request_id DESC)`)), column).toBe(true);
    }
    expect(indexes.some((index) => index.indexdef.includes('(start_time DESC, request_id DESC)'))).toBe(true);
    // status_filter=failure: the same orders, on partial indexes only failed rows enter.
    const failed = indexes.filter((index) => index.indexdef.includes("outcome <> 'success'"));
    expect(failed).toHaveLength(5);
    for (const column of ['key_hash', 'user_id', 'team_id', 'model']) {
      expect(failed.some((index) => index.indexdef.includes(`(${column}, start_time DESC, request_id DESC)`)), column).toBe(true);
    }
  });

  it('a schema of version 1 with spend rows moves to the current version: old rows have no attempts, new ones do', async () => {
    const schema = freshSchema();
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
    try {
      await runMigrations({ pool, schema, migrations: ALL_MIGRATIONS.slice(0, 1), logger: silentLogger });
      await adminQuery(`INSERT INTO "${schema}".spend_logs (request_id, key_hash, model, deployment, endpoint, input_tokens, output_tokens, cached_input_tokens,
        cache_write_tokens, reasoning_tokens, cost, outcome, status, start_time, end_time, duration_ms)
        VALUES ('old-row', $1, 'gpt-4o-mini', 'd1', 'chat/completions', 1, 1, 0, 0, 0, 0.000001, 'error', 502, now(), now(), 5)`, ['a'.repeat(64)]);
    } finally {
      await pool.end();
    }
    const store = await open(schema);
    expect(store.migrations.applied).toEqual([2, 3]);
    const attempts = [{ deployment: 'd1', modelGroup: 'gpt-4o-mini', status: 200, errorCode: null, durationMs: 9, fallback: false }];
    await store.writeSpend([row('new-row', { attempts })]);
    const page = await store.querySpendLogs({ keyHash: 'a'.repeat(64), limit: 10 });
    const byId = new Map(page.records.map((record) => [record.requestId, record]));
    expect(byId.get('old-row')).not.toHaveProperty('attempts');
    expect(byId.get('new-row')?.attempts).toEqual(attempts);
    expect((await store.querySpendLogs({ keyHash: 'a'.repeat(64), status: 'failure', limit: 10 })).records.map((record) => record.requestId)).toEqual(['old-row']);
  });

  it('a schema of version 2 with key rollups gets the model rollup filled from them, exact past 64 bits', async () => {
    const schema = freshSchema();
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
    try {
      await runMigrations({ pool, schema, migrations: ALL_MIGRATIONS.slice(0, 2), logger: silentLogger });
      for (const [day, key, model, requests, failures, spend] of [
        ['2026-11-01', 'a', 'gpt-4o', 3, 1, '9000.000000000000000001'],
        ['2026-11-01', 'b', 'gpt-4o', 2, 0, '9000'],
        ['2026-11-01', 'b', 'gpt-4o-mini', 5, 0, '0.000000000000000007'],
        ['2026-11-02', 'a', 'gpt-4o-mini', 1, 1, '0'],
      ] as const) {
        await adminQuery(`INSERT INTO "${schema}".spend_daily_key (day, key_hash, model, requests, failures, input_tokens, output_tokens, spend)
          VALUES ($1, $2, $3, $4, $5, 10, 1, $6)`, [day, key.repeat(64), model, requests, failures, spend]);
      }
    } finally {
      await pool.end();
    }
    const store = await open(schema);
    expect(store.migrations.applied).toEqual([3]);
    const query = { groupBy: 'model', fromDay: '2026-11-01', toDay: '2026-11-02', top: 6, limit: 500 } as const;
    const summary = await store.spendSummary(query);
    expect(summary).toEqual(summarizeRollups(await store.spendReport({ groupBy: 'key', fromDay: '2026-11-01', toDay: '2026-11-02' }), query));
    expect(summary.groups.map((group) => [group.id, group.requests, group.failures, group.spend])).toEqual([
      ['gpt-4o', 5, 1, 18_000n * 10n ** 18n + 1n],
      ['gpt-4o-mini', 6, 1, 7n],
    ]);
    await store.writeSpend([row('after-upgrade', { model: 'gpt-4o-mini', startedAt: Date.UTC(2026, 10, 2, 12), cost: 5n })]);
    expect((await store.spendSummary(query)).groups.find((group) => group.id === 'gpt-4o-mini')).toMatchObject({ requests: 7, spend: 12n });
  });

  it('keeps the model and key-total rollups right when an older release writes only the key rollup (a rolling upgrade)', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    const day = '2026-12-01';
    await store.writeSpend([row('current-release', { keyHash: 'c'.repeat(64), model: 'gpt-4o', startedAt: Date.UTC(2026, 11, 1, 9), cost: 5n })]);
    // What a version-2 release's batch does: one multi-row upsert of the key rollup.
    const olderBatch = (rows: readonly (readonly [string, string, string])[]) =>
      adminQuery(`INSERT INTO "${schema}".spend_daily_key AS t (day, key_hash, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend)
        SELECT $1::date, key_hash, model, 1, 0, 10, 2, 0, 0, spend::numeric FROM unnest($2::text[], $3::text[], $4::text[]) AS u(key_hash, model, spend)
        ON CONFLICT (key_hash, model, day) DO UPDATE SET requests = t.requests + EXCLUDED.requests, failures = t.failures + EXCLUDED.failures,
          input_tokens = t.input_tokens + EXCLUDED.input_tokens, output_tokens = t.output_tokens + EXCLUDED.output_tokens,
          cached_input_tokens = t.cached_input_tokens + EXCLUDED.cached_input_tokens, reasoning_tokens = t.reasoning_tokens + EXCLUDED.reasoning_tokens,
          spend = t.spend + EXCLUDED.spend`, [day, rows.map((entry) => entry[0]), rows.map((entry) => entry[1]), rows.map((entry) => entry[2])]);
    await olderBatch([['c'.repeat(64), 'gpt-4o', '0.000000000000000007'], ['d'.repeat(64), 'gpt-4o', '9000'], ['d'.repeat(64), 'o4-mini', '0.000000000000000001']]);
    await olderBatch([['d'.repeat(64), 'gpt-4o', '9000']]);
    const rows = await store.spendReport({ groupBy: 'key', fromDay: day, toDay: day });
    for (const groupBy of ['model', 'key'] as const) {
      const query = { groupBy, fromDay: day, toDay: day, top: 6, limit: 500 };
      const summary = await store.spendSummary(query);
      expect({ ...summary, groups: summary.groups.map((group) => ({ ...group, label: null })) }).toEqual(summarizeRollups(rows, query));
    }
    const byModel = await store.spendSummary({ groupBy: 'model', fromDay: day, toDay: day, top: 6, limit: 500 });
    expect(byModel.groups.map((group) => [group.id, group.requests, group.spend])).toEqual([
      ['gpt-4o', 4, 18_000n * 10n ** 18n + 12n],
      ['o4-mini', 1, 1n],
    ]);
  });

  it('wait while another instance holds the migration lock, and give up after the bounded wait', async () => {
    const schema = freshSchema();
    const holder = new pg.Client({ connectionString: postgresUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`switchyard.migrations:${schema}`]);
      const pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
      try {
        await expect(runMigrations({ pool, schema, migrations: ALL_MIGRATIONS, logger: silentLogger, lockWaitMs: 200 }))
          .rejects.toMatchObject({ code: 'invalid_config', message: expect.stringMatching(/held the migration lock .* longer than 200 ms/) });
        const waiting = runMigrations({ pool, schema, migrations: ALL_MIGRATIONS, logger: silentLogger, lockWaitMs: 10_000 });
        await new Promise((resolve) => setTimeout(resolve, 300));
        const [before] = await adminQuery<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${schema}".keys`]);
        expect(before?.present).toBe(false);
        await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`switchyard.migrations:${schema}`]);
        expect(await waiting).toEqual({ applied: [1, 2, 3], version: 3 });
      } finally {
        await pool.end();
      }
    } finally {
      await holder.end();
    }
  });

  it('fail, without crashing the process, when the connection dies while waiting for the lock', async () => {
    const schema = freshSchema();
    const proxy = await startTcpProxy({ host: new URL(postgresUrl).hostname, port: Number(new URL(postgresUrl).port) });
    const holder = new pg.Client({ connectionString: postgresUrl });
    await holder.connect();
    const pool = new pg.Pool({ connectionString: postgresUrlVia(proxy.address), max: 1 });
    pool.on('error', () => undefined);
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`switchyard.migrations:${schema}`]);
      const waiting = runMigrations({ pool, schema, migrations: ALL_MIGRATIONS, logger: silentLogger, lockWaitMs: 10_000 });
      // Between two polls the client is checked out and idle: the cut must reach the caller, not crash.
      await new Promise((resolve) => setTimeout(resolve, 200));
      proxy.cut('reset');
      await expect(waiting).rejects.toThrow();
    } finally {
      await holder.end();
      await pool.end();
      await proxy.close();
    }
  });

  it('refuse to start when a shipped migration was edited', async () => {
    const schema = freshSchema();
    await open(schema);
    await adminQuery(`UPDATE "${schema}".switchyard_migrations SET checksum = 'edited' WHERE version = 1`);
    await expect(open(schema)).rejects.toMatchObject({ code: 'invalid_config', message: expect.stringMatching(/migration 1 .* differs/) });
  });
});

describe.skipIf(!postgres.available)('spend batches across instances', () => {
  it('count every row once when three instances send overlapping batches at the same time', async () => {
    const schema = freshSchema();
    const instances = await Promise.all([open(schema), open(schema), open(schema)]);
    const keyHash = 'b'.repeat(64);
    await adminQuery(`INSERT INTO "${schema}".keys (token_hash, key_name, created_at, updated_at) VALUES ($1, 'sk-...abcd', now(), now())`, [keyHash]);
    const ids = Array.from({ length: 300 }, (_, index) => `req-${index}`);
    // Each instance sends every id in its own order, in batches of 50: every row arrives three times.
    await Promise.all(instances.map(async (store, offset) => {
      const order = ids.map((_, index) => ids[(index * (offset + 1) * 7) % ids.length]!);
      for (let start = 0; start < order.length; start += 50) {
        await store.writeSpend(order.slice(start, start + 50).map((id) => row(id, { keyHash, cost: 10n ** 15n })));
      }
    }));
    const [count] = await adminQuery<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${schema}".spend_logs`);
    expect(count?.rows).toBe(300);
    const [day] = await adminQuery(`SELECT spend::text, requests::int FROM "${schema}".spend_daily_key`);
    expect(day).toEqual({ spend: '0.300000000000000000', requests: 300 });
    expect((await instances[0]!.getKey(keyHash))?.spend).toBe(300n * 10n ** 15n);
  });

  it('write a batch larger than one statement in one transaction', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    const rows = Array.from({ length: 2_500 }, (_, index) => row(`big-${index}`, { cost: 2n }));
    expect(await store.writeSpend(rows)).toEqual({ inserted: 2_500 });
    expect(await store.writeSpend(rows)).toEqual({ inserted: 0 });
    const [day] = await adminQuery(`SELECT spend::text, requests::int FROM "${schema}".spend_daily_key`);
    expect(day).toEqual({ spend: '0.000000000000005000', requests: 2_500 });
  });
});

describe.skipIf(!postgres.available)('the pool', () => {
  it('never opens more connections than poolSize, however many queries wait', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore({ connectionString: postgresUrl, schema, poolSize: 3, applicationName: `${schema}_app` });
    stores.push(store);
    let peak = 0;
    const watch = setInterval(() => {
      void adminQuery<{ open: number }>(`SELECT count(*)::int AS open FROM pg_stat_activity WHERE application_name = $1`, [`${schema}_app`])
        .then(([entry]) => { peak = Math.max(peak, entry?.open ?? 0); });
    }, 20);
    await Promise.all(Array.from({ length: 30 }, () => store.pool.query('SELECT pg_sleep(0.02)')));
    clearInterval(watch);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
    expect(store.pool.totalCount).toBeLessThanOrEqual(3);
  });

  it('survives the database connection being cut and works again once it is back', async () => {
    const proxy = await startTcpProxy({ host: new URL(postgresUrl).hostname, port: Number(new URL(postgresUrl).port) });
    try {
      const schema = freshSchema();
      const store = await open(schema, { url: postgresUrlVia(proxy.address), poolSize: 2 });
      await store.writeSpend([row('before')]);
      proxy.cut('reset');
      const started = Date.now();
      await expect(store.writeSpend([row('during')])).rejects.toMatchObject({ code: 'store_unavailable' });
      expect(Date.now() - started).toBeLessThan(2_000);
      proxy.restore();
      expect(await store.writeSpend([row('during'), row('before')])).toEqual({ inserted: 1 });
    } finally {
      await proxy.close();
    }
  });

  it('counts a batch once when its COMMIT was applied but the answer was lost and the batch is sent again', async () => {
    const proxy = await startTcpProxy({ host: new URL(postgresUrl).hostname, port: Number(new URL(postgresUrl).port) });
    try {
      const schema = freshSchema();
      const store = await open(schema, { url: postgresUrlVia(proxy.address), poolSize: 1, statementTimeoutMs: 1_000 });
      const keyHash = 'c'.repeat(64);
      await adminQuery(`INSERT INTO "${schema}".keys (token_hash, key_name, created_at, updated_at) VALUES ($1, 'sk-...cccc', now(), now())`, [keyHash]);
      const batch = [row('lost-1', { keyHash, cost: 5n }), row('lost-2', { keyHash, cost: 7n })];
      await store.pool.query('SELECT 1');
      proxy.cut('drop-replies');
      await expect(store.writeSpend(batch)).rejects.toMatchObject({ code: 'store_unavailable' });
      // The server applied it: the rows are there although the writer saw a failure.
      const [applied] = await adminQuery<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${schema}".spend_logs`);
      expect(applied?.rows).toBe(2);
      proxy.restore();
      expect(await store.writeSpend(batch)).toEqual({ inserted: 0 });
      expect((await store.getKey(keyHash))?.spend).toBe(12n);
      const [day] = await adminQuery(`SELECT requests::int, spend::text FROM "${schema}".spend_daily_key`);
      expect(day).toEqual({ requests: 2, spend: '0.000000000000000012' });
      expect(store.poolStats()).toMatchObject({ max: 1, waiting: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('gives up within its connection timeout when the network swallows packets', async () => {
    const proxy = await startTcpProxy({ host: new URL(postgresUrl).hostname, port: Number(new URL(postgresUrl).port) });
    try {
      const schema = freshSchema();
      const store = await open(schema, { url: postgresUrlVia(proxy.address), poolSize: 2, statementTimeoutMs: 1_000 });
      await store.pool.query('SELECT 1');
      proxy.cut('blackhole');
      const started = Date.now();
      // The open connection hangs: the query ends by the client-side query timeout, new ones by connectionTimeoutMs.
      const results = await Promise.allSettled([store.pool.query('SELECT 1'), store.pool.query('SELECT 2'), store.pool.query('SELECT 3')]);
      expect(results.every((result) => result.status === 'rejected')).toBe(true);
      expect(Date.now() - started).toBeLessThan(4_000);
      proxy.restore();
      expect((await store.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
