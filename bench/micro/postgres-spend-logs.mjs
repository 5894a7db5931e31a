// /spend/logs on Postgres with 1M spend rows (target ≤ 100 ms per page), status_filter pages
// among them (one row in 53 failed; each row carries its attempts as jsonb), and the spend
// batch write rate with and without attempts, and the usage page's summaries from the rollups. Needs the Postgres of DEVELOPERS.md (SWITCHYARD_TEST_POSTGRES_URL); without it the
// file reports that it was skipped. Works in a schema of its own, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '@switchyard/store-postgres';
import { timeMillis } from '../lib/measure.mjs';
import { median, percentile } from '../lib/stats.mjs';

const URL_ = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1);

// 1,000 keys, 200 users, 50 teams, 12 models, spread over 30 days; costs as exact decimals.
const seedSql = (schema, rows) => `
  INSERT INTO "${schema}".spend_logs (request_id, key_hash, key_alias, team_id, user_id, model, deployment, provider, endpoint,
    input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, cost, status, outcome, start_time, end_time, duration_ms, attempts)
  SELECT 'req-' || n, encode(sha256(('key-' || (n % 1000))::bytea), 'hex'), 'alias-' || (n % 1000),
    'team-' || (n % 50), 'user-' || (n % 200), 'model-' || (n % 12), 'dep-' || (n % 24), 'openai', 'chat/completions',
    100 + n % 900, 10 + n % 300, n % 64, 0, 0, ((n % 997) * 0.000001)::numeric, CASE WHEN n % 53 = 0 THEN 500 ELSE 200 END,
    CASE WHEN n % 53 = 0 THEN 'error' ELSE 'success' END, to_timestamp((${START} + (n::bigint * ${30 * DAY}) / ${rows}) / 1000.0),
    to_timestamp((${START} + (n::bigint * ${30 * DAY}) / ${rows}) / 1000.0) + interval '800 ms', 800,
    CASE WHEN n % 53 = 0
      THEN jsonb_build_array(jsonb_build_object('deployment', 'dep-' || (n % 24), 'modelGroup', 'model-' || (n % 12), 'status', 500, 'errorCode', 'server_error', 'durationMs', 390, 'fallback', false),
        jsonb_build_object('deployment', 'dep-' || ((n + 12) % 24), 'modelGroup', 'model-' || (n % 12), 'status', 500, 'errorCode', 'server_error', 'durationMs', 400, 'fallback', false))
      ELSE jsonb_build_array(jsonb_build_object('deployment', 'dep-' || (n % 24), 'modelGroup', 'model-' || (n % 12), 'status', 200, 'errorCode', null, 'durationMs', 790, 'fallback', false)) END
  FROM generate_series(1, ${rows}) AS n`;

async function postgresReachable() {
  const client = new pg.Client({ connectionString: URL_, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function postgresSpendLogs({ quick }) {
  if (!(await postgresReachable())) return [{ name: '/spend/logs on Postgres', value: 0, unit: 'skipped', detail: `no Postgres at ${URL_}` }];
  const rows = quick ? 100_000 : 1_000_000;
  const schema = `bench_spend_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresStore({ connectionString: URL_, schema, poolSize: 4, statementTimeoutMs: 600_000 });
  const results = [];
  try {
    const seedMs = await timeMillis(() => store.pool.query(seedSql(schema, rows)));
    await store.pool.query(`ANALYZE "${schema}".spend_logs`);
    const keyHash = (await store.pool.query(`SELECT encode(sha256('key-7'::bytea), 'hex') AS h`)).rows[0].h;
    const mid = START + 15 * DAY;
    const midNext = START + 16 * DAY;
    const queries = {
      'newest page, no filter': {},
      'by key': { keyHash },
      'by user': { userId: 'user-42' },
      'by team': { teamId: 'team-7' },
      'by model': { model: 'model-3' },
      'by key and day': { keyHash, from: mid, to: midNext },
      'one day': { from: mid, to: midNext },
      'by request id': { requestId: `req-${Math.floor(rows / 2)}` },
      'failures': { status: 'failure' },
      'successes': { status: 'success' },
      'by key, failures': { keyHash, status: 'failure' },
      'by team, failures, one day': { teamId: 'team-7', status: 'failure', from: mid, to: midNext },
      'by model, successes': { model: 'model-3', status: 'success' },
    };
    for (const [label, query] of Object.entries(queries)) {
      const times = [];
      let cursor;
      for (let repeat = 0; repeat < (quick ? 5 : 15); repeat++) {
        times.push(await timeMillis(async () => {
          const page = await store.querySpendLogs({ ...query, limit: 100 });
          cursor = page.nextCursor ?? undefined;
        }));
      }
      const deepTimes = [];
      // Ten pages on by cursor: the cost of paging does not grow with the page number.
      for (let page = 0; page < 10 && cursor; page++) {
        deepTimes.push(await timeMillis(async () => { cursor = (await store.querySpendLogs({ ...query, limit: 100, cursor })).nextCursor ?? undefined; }));
      }
      results.push({
        name: `/spend/logs page of 100, ${label}, ${rows.toLocaleString('en')} rows, p50`,
        value: Number(median(times).toFixed(2)),
        unit: 'ms',
        detail: deepTimes.length > 0 ? `next pages by cursor p50 ${median(deepTimes).toFixed(2)} ms` : undefined,
      });
    }
    results.push({ name: `seed ${rows.toLocaleString('en')} spend rows (one INSERT … SELECT, all indexes)`, value: Math.round(seedMs), unit: 'ms' });

    // The rollups those rows make: 1,000 keys × 12 models × 30 days, 50 teams × 12 models × 30 days
    // (the key rollup's triggers fill the model and key-total ones).
    await store.pool.query(`INSERT INTO "${schema}".spend_daily_key (day, key_hash, model, requests, spend)
      SELECT (start_time AT TIME ZONE 'UTC')::date, key_hash, model, count(*), sum(cost) FROM "${schema}".spend_logs GROUP BY 1, 2, 3`);
    await store.pool.query(`INSERT INTO "${schema}".spend_daily_team (day, team_id, model, requests, spend)
      SELECT (start_time AT TIME ZONE 'UTC')::date, team_id, model, count(*), sum(cost) FROM "${schema}".spend_logs GROUP BY 1, 2, 3`);
    await store.pool.query(`ANALYZE "${schema}".spend_daily_key; ANALYZE "${schema}".spend_daily_team; ANALYZE "${schema}".spend_daily_model; ANALYZE "${schema}".spend_daily_key_total`);
    const reports = {
      'one key, 30 days': { groupBy: 'key', id: keyHash, fromDay: '2026-11-01', toDay: '2026-11-30' },
      'one team, 30 days': { groupBy: 'team', id: 'team-7', fromDay: '2026-11-01', toDay: '2026-11-30' },
      'every team, one day': { groupBy: 'team', fromDay: '2026-11-15', toDay: '2026-11-15' },
    };
    for (const [label, query] of Object.entries(reports)) {
      const times = [];
      let size = 0;
      for (let repeat = 0; repeat < (quick ? 5 : 15); repeat++) times.push(await timeMillis(async () => { size = (await store.spendReport(query)).length; }));
      results.push({ name: `spend report from rollups, ${label}, p50`, value: Number(median(times).toFixed(2)), unit: 'ms', detail: `${size} rollup rows` });
    }

    // What the admin UI's usage page reads (GET /spend/summary): 30 days by model, key and team.
    for (const groupBy of ['model', 'key', 'team']) {
      const times = [];
      let size = 0;
      for (let repeat = 0; repeat < (quick ? 5 : 20); repeat++) {
        times.push(await timeMillis(async () => { size = (await store.spendSummary({ groupBy, fromDay: '2026-11-01', toDay: '2026-11-30', top: 6, limit: 500 })).groups.length; }));
      }
      results.push({ name: `spend summary by ${groupBy}, 30 days, p95`, value: Number(percentile(times, 0.95).toFixed(2)), unit: 'ms', detail: `p50 ${median(times).toFixed(2)} ms; ${size} groups; target ≤ 200 ms` });
    }

    const now = Date.now();
    const batch = Array.from({ length: 500 }, (_, index) => ({
      requestId: `batch-${index}`, keyHash, keyAlias: 'alias-7', teamId: 'team-7', userId: 'user-7', model: 'model-1',
      deployment: 'dep-1', provider: 'openai', endpoint: 'chat/completions', inputTokens: 100, outputTokens: 20,
      cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, cost: 123_000_000_000_000n, outcome: 'success', status: 200,
      errorCode: null, startedAt: now, endedAt: now + 5, durationMs: 5, tags: [],
    }));
    // The same batch with the two attempts of a failover on every row, rounds interleaved.
    const attempts = [
      { deployment: 'dep-0', modelGroup: 'model-1', status: 429, errorCode: 'rate_limit_exceeded', durationMs: 12, fallback: false },
      { deployment: 'dep-1', modelGroup: 'model-1', status: 200, errorCode: null, durationMs: 480, fallback: false },
    ];
    const batches = { without: [], with: [] };
    for (let round = 0; round < (quick ? 3 : 10); round++) {
      for (const variant of ['without', 'with']) {
        const rowsOfRound = batch.map((entry) => ({ ...entry, requestId: `${entry.requestId}-${variant}-${round}`, ...(variant === 'with' ? { attempts } : {}) }));
        batches[variant].push(await timeMillis(() => store.writeSpend(rowsOfRound)));
      }
    }
    for (const variant of ['without', 'with']) {
      const perBatch = median(batches[variant]);
      results.push({ name: `spend batch of 500 rows with rollups (one statement), ${variant} attempts`, value: Number(perBatch.toFixed(1)), unit: 'ms', detail: `${Math.round(500_000 / perBatch).toLocaleString('en')} rows/s` });
    }
  } finally {
    await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await store.close();
  }
  return results;
}
