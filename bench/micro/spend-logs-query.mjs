// Issue 13's query target: GET /spend/logs with 1M spend rows in SQLite (≤ 100 ms), and the
// daily report from the rollups. Rows are seeded by a bulk insert inside SQLite (indexes built
// after), then every filter is timed through the store's own querySpendLogs and
// spendReport, as the routes call them. One row in 500 failed (rare failures are the case a
// status filter without its index would scan for); each row carries its attempts as JSON.
// Also: a 500-row writeSpend batch into the full table, with and without attempts. `quick`
// seeds 200k rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { measureMicros, timeMillis } from '../lib/measure.mjs';

const require = createRequire(new URL('../../packages/stores/sqlite/package.json', import.meta.url));
const Database = require('better-sqlite3');

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1);
const KEYS = 1000;
const MODELS = ['gpt-4o-mini', 'gpt-5.5', 'claude-sonnet', 'gemini-flash', 'gpt-4.1', 'o4-mini', 'embed-small', 'llama-70b'];

/**
 * Rows made inside SQLite by a recursive CTE (a few µs each): 1,000 keys, 20 teams, 50 users,
 * 8 models, 60 days; indexes dropped for the insert and built after; rollups by GROUP BY.
 */
function seed(path, rows) {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = OFF');
  // The key rollup's triggers (which fill the model and key-total rollups) call atto_add.
  database.function('atto_add', (left, right) => (BigInt(String(left)) + BigInt(String(right))).toString());
  const indexes = database.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spend_logs' AND sql IS NOT NULL").all();
  for (const { name } of indexes) database.exec(`DROP INDEX ${name}`);
  const models = MODELS.map((model, index) => `WHEN ${index} THEN '${model}'`).join(' ');
  database.exec(`
    WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${rows - 1}),
    picked AS (SELECT i, (i * 7919) % ${KEYS} AS k, CASE (i * 31) % ${MODELS.length} ${models} END AS model,
      100 + (i * 104729) % 2000 AS input, 10 + (i * 1299709) % 500 AS output,
      ${START} + (i * ${60 * DAY}) / ${rows} AS started FROM seq)
    INSERT INTO spend_logs (request_id, key_hash, key_alias, team_id, user_id, model, deployment, provider, endpoint,
      input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, cost, outcome, status, error_code,
      started_at, ended_at, duration_ms, tags, attempts)
    SELECT printf('req_%09d', i), printf('%064d', k), NULL, 'team-' || (k % 20), 'user-' || (k % 50), model, model || '-1', 'openai', 'chat.completions',
      input, output, 0, 0, 0, CAST(input * 150000000000 + output * 600000000000 AS TEXT),
      CASE WHEN failed THEN 'error' ELSE 'success' END, CASE WHEN failed THEN 502 ELSE 200 END, CASE WHEN failed THEN 'upstream_error' END,
      started, started + 500, 500, '[]',
      CASE WHEN failed
        THEN '[{"deployment":"' || model || '-1","modelGroup":"' || model || '","status":502,"errorCode":"upstream_error","durationMs":240,"fallback":false},'
          || '{"deployment":"' || model || '-2","modelGroup":"' || model || '","status":502,"errorCode":"upstream_error","durationMs":250,"fallback":false}]'
        ELSE '[{"deployment":"' || model || '-1","modelGroup":"' || model || '","status":200,"errorCode":null,"durationMs":495,"fallback":false}]' END
    FROM (SELECT *, i % 500 = 250 AS failed FROM picked);
    INSERT INTO spend_daily_key (day, key_hash, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend)
    SELECT strftime('%Y-%m-%d', started_at / 1000, 'unixepoch'), key_hash, model, COUNT(*), 0, SUM(input_tokens), SUM(output_tokens), 0, 0, CAST(SUM(CAST(cost AS INTEGER)) AS TEXT)
    FROM spend_logs GROUP BY 1, 2, 3;
  `);
  for (const { sql } of indexes) database.exec(sql);
  database.exec('ANALYZE');
  database.close();
}

export default async function spendLogsQuery({ quick }) {
  const rows = quick ? 200_000 : 1_000_000;
  const folder = mkdtempSync(join(tmpdir(), 'switchyard-bench-spend-'));
  const path = join(folder, 'spend.db');
  try {
    openSqliteStore({ url: `sqlite://${path}`, baseDir: folder }).close();
    const seedMs = await timeMillis(() => seed(path, rows));
    const store = openSqliteStore({ url: `sqlite://${path}`, baseDir: folder });
    const key = String(7).padStart(64, '0');
    const middle = START + 30 * DAY;
    // A cursor 50 pages deep into one key's rows.
    let cursor;
    for (let page = 0; page < 50; page++) cursor = (await store.querySpendLogs({ keyHash: key, limit: 20, ...(cursor ? { cursor } : {}) })).nextCursor ?? cursor;
    // Twenty pages of failures deep, by cursor.
    let failureCursor;
    for (let page = 0; page < 20; page++) failureCursor = (await store.querySpendLogs({ status: 'failure', limit: 50, ...(failureCursor ? { cursor: failureCursor } : {}) })).nextCursor ?? failureCursor;
    const queries = {
      'newest 100, no filter': { limit: 100 },
      'one key, newest 100': { keyHash: key, limit: 100 },
      'one key + model': { keyHash: key, model: 'gpt-5.5', limit: 100 },
      'one team, one day': { teamId: 'team-3', from: middle, to: middle + DAY, limit: 100 },
      'one user, newest 100': { userId: 'user-11', limit: 100 },
      'one model, newest 100': { model: 'claude-sonnet', limit: 100 },
      'by request id': { requestId: `req_${String(rows >> 1).padStart(9, '0')}`, limit: 100 },
      'one key, 50 pages deep': { keyHash: key, cursor, limit: 20 },
      'a range with no rows': { from: START - 10 * DAY, to: START - 9 * DAY, limit: 100 },
      'failures, newest 50': { status: 'failure', limit: 50 },
      'successes, newest 50': { status: 'success', limit: 50 },
      'failures, 20 pages deep': { status: 'failure', cursor: failureCursor, limit: 50 },
      // Key 250 is one of the two keys whose rows include failures (key 7's have none).
      'one key, failures': { keyHash: String(250).padStart(64, '0'), status: 'failure', limit: 50 },
      'one model + failures, one day': { model: 'claude-sonnet', status: 'failure', from: middle, to: middle + DAY, limit: 50 },
      'one team, successes, one day': { teamId: 'team-3', status: 'success', from: middle, to: middle + DAY, limit: 50 },
    };
    const results = [{ name: `seed ${rows.toLocaleString('en-US')} spend rows (bulk insert, indexes after)`, value: seedMs / 1000, unit: 's' }];
    for (const [name, query] of Object.entries(queries)) {
      const timing = await measureMicros(() => store.querySpendLogs(query), { iterations: quick ? 50 : 200, warmup: 5 });
      results.push({ name: `/spend/logs ${name} (${rows.toLocaleString('en-US')} rows) p50`, value: timing.p50 / 1000, unit: 'ms', detail: `p99 ${(timing.p99 / 1000).toFixed(2)} ms; target ≤ 100 ms` });
    }
    const report = await measureMicros(() => store.spendReport({ groupBy: 'key', fromDay: '2026-10-01', toDay: '2026-10-30' }), { iterations: quick ? 10 : 30, warmup: 2 });
    results.push({ name: '/global/spend/report by key, 30 days, all keys (rollups) p50', value: report.p50 / 1000, unit: 'ms', detail: `p99 ${(report.p99 / 1000).toFixed(2)} ms` });
    const oneKey = await measureMicros(() => store.spendReport({ groupBy: 'key', fromDay: '2026-10-01', toDay: '2026-11-30', id: key }), { iterations: quick ? 50 : 200, warmup: 5 });
    results.push({ name: '/global/spend/report one key, 60 days (rollups) p50', value: oneKey.p50 / 1000, unit: 'ms', detail: `p99 ${(oneKey.p99 / 1000).toFixed(2)} ms` });
    // A batch as the outbox delivers it, into the full table: do the attempts slow spend writes?
    const now = START + 61 * DAY;
    const batchOf = (round, attempts) => Array.from({ length: 500 }, (_, index) => ({
      requestId: `write-${attempts ? 'a' : 'n'}-${round}-${index}`, keyHash: key, keyAlias: null, teamId: 'team-3', userId: 'user-11', model: 'gpt-5.5',
      deployment: 'gpt-5.5-1', provider: 'openai', endpoint: 'chat.completions', inputTokens: 100, outputTokens: 20, cachedInputTokens: 0,
      cacheWriteTokens: 0, reasoningTokens: 0, cost: 123_000_000_000_000n, outcome: 'success', status: 200, errorCode: null,
      startedAt: now + index, endedAt: now + index + 5, durationMs: 5, tags: [],
      ...(attempts ? { attempts: [{ deployment: 'gpt-5.5-0', modelGroup: 'gpt-5.5', status: 429, errorCode: 'rate_limit_exceeded', durationMs: 12, fallback: false }, { deployment: 'gpt-5.5-1', modelGroup: 'gpt-5.5', status: 200, errorCode: null, durationMs: 480, fallback: false }] } : {}),
    }));
    const writes = { without: [], with: [] };
    for (let round = 0; round < (quick ? 6 : 20); round++) {
      for (const variant of ['without', 'with']) writes[variant].push(await timeMillis(() => store.writeSpend(batchOf(round, variant === 'with'))));
    }
    for (const variant of ['without', 'with']) {
      const sorted = [...writes[variant]].sort((a, b) => a - b);
      results.push({ name: `writeSpend batch of 500 rows ${variant} attempts (2 each), into the full table, p50`, value: sorted[sorted.length >> 1], unit: 'ms', detail: `min ${sorted[0].toFixed(2)} ms` });
    }
    await store.close();
    return results;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
