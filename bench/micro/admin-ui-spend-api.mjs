// What the admin UI's usage and logs pages cost with a big spend table: 1M spend log rows (100k
// with --quick) over 90 days, 500 keys, 25 teams, 8 models, seeded through the SQLite store's own
// writeSpend (kept in the OS temp folder and reused). Timed over real HTTP against the standalone
// proxy in this process, as the browser calls them: p95 of GET /spend/logs (first page, a key, a
// model and range, the next pages by cursor, and the same with status_filter=failure or success:
// the logs page's status filter, one row in 53 failed), GET /spend/summary (what the usage page reads: 7, 30
// and 90 days by model, key and team) and GET /global/spend/report (every key × model × day row,
// as JSON and as the CSV file the usage page's export downloads). Target: p95 ≤ 200 ms for the pages' calls. The store alone beside.
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { createProxyServer } from '@switchyard/server';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { silentLogger } from '@switchyard/core';
import { percentile } from '../lib/stats.mjs';
import { seededKeyHash, seededSpendDatabase } from '../lib/seed-spend.mjs';

const MASTER_KEY = 'sk-bench-admin-ui';

async function timings(count, call) {
  for (let warm = 0; warm < 3; warm++) await call(warm);
  const samples = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await call(index);
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

export default async function adminUiSpendApi({ quick }) {
  const rows = quick ? 100_000 : 1_000_000;
  const seeded = await seededSpendDatabase({ rows, log: (line) => process.stderr.write(`${line}\n`) });
  const count = quick ? 20 : 60;
  const day = (daysBack) => new Date(seeded.endDay - daysBack * 86_400_000).toISOString().slice(0, 10);
  const results = [];
  const seededNote = seeded.seededMs > 0 ? `, seeded now in ${(seeded.seededMs / 1000).toFixed(1)} s` : ', seeded database reused';

  const proxy = createProxyServer({
    logger: silentLogger,
    config: {
      model_list: [{ model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', mock_response: 'hi' } }],
      general_settings: { master_key: MASTER_KEY, database_url: `sqlite://${seeded.path}` },
    },
  });
  proxy.server.listen(0, '127.0.0.1');
  await once(proxy.server, 'listening');
  const base = `http://127.0.0.1:${proxy.server.address().port}`;
  const get = async (path, query) => {
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    const response = await fetch(url, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    const body = query.format === 'csv' && response.status === 200 ? await response.text() : await response.json();
    if (response.status !== 200) throw new Error(`GET ${url.pathname} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };
  try {
    const logs = (name, query) => [name, (index) => get('/spend/logs', typeof query === 'function' ? query(index) : query)];
    let cursor;
    let failureCursor;
    const scenarios = [
      logs('GET /spend/logs first page', { limit: 50 }),
      logs('GET /spend/logs by key', (index) => ({ api_key: seededKeyHash(index % 500), limit: 50 })),
      logs('GET /spend/logs by model, last 7 days', { model: 'gpt-4o', start_date: day(6), end_date: day(0), limit: 50 }),
      [
        'GET /spend/logs next pages by cursor',
        async () => {
          const page = await get('/spend/logs', { limit: 50, cursor });
          cursor = page.next_cursor ?? undefined;
        },
      ],
      logs('GET /spend/logs status_filter=failure, first page', { status_filter: 'failure', limit: 50 }),
      logs('GET /spend/logs status_filter=success, first page', { status_filter: 'success', limit: 50 }),
      logs('GET /spend/logs status_filter=failure by key', (index) => ({ api_key: seededKeyHash(index % 500), status_filter: 'failure', limit: 50 })),
      logs('GET /spend/logs status_filter=failure by model, last 7 days', { model: 'gpt-4o', status_filter: 'failure', start_date: day(6), end_date: day(0), limit: 50 }),
      [
        'GET /spend/logs status_filter=failure next pages by cursor',
        async () => {
          const page = await get('/spend/logs', { status_filter: 'failure', limit: 50, cursor: failureCursor });
          failureCursor = page.next_cursor ?? undefined;
        },
      ],
      ...[7, 30, 90].flatMap((days) =>
        ['model', 'key', 'team'].map((groupBy) => [
          `GET /spend/summary by ${groupBy}, ${days} days (the usage page)`,
          () => get('/spend/summary', { group_by: groupBy, start_date: day(days - 1), end_date: day(0) }),
        ]),
      ),
      // Every rollup row of the range, as JSON and as the CSV file the export downloads: fewer
      // calls, up to a second each at 90 days.
      ...[7, 30, 90].flatMap((days) => [
        [`GET /global/spend/report by key, ${days} days`, () => get('/global/spend/report', { group_by: 'key', start_date: day(days - 1), end_date: day(0) }), 'export'],
        [`GET /global/spend/report by team, ${days} days`, () => get('/global/spend/report', { group_by: 'team', start_date: day(days - 1), end_date: day(0) }), 'export'],
        [`GET /global/spend/report?format=csv by key, ${days} days (the CSV export)`, () => get('/global/spend/report', { group_by: 'key', start_date: day(days - 1), end_date: day(0), format: 'csv' }), 'export'],
      ]),
    ];
    for (const [name, call, kind] of scenarios) {
      const time = await timings(kind === 'export' ? Math.min(count, 15) : count, call);
      results.push({ name: `${name} p95`, value: time.p95, unit: 'ms', detail: `p50 ${time.p50.toFixed(1)} ms; ${rows.toLocaleString('en-US')} spend rows; target ≤ 200 ms${seededNote}` });
    }
  } finally {
    proxy.server.closeAllConnections();
    await proxy.close(0);
  }

  // The store alone, for comparison: what the routes add on top is JSON and HTTP.
  const store = openSqliteStore({ url: `sqlite://${seeded.path}`, baseDir: tmpdir() });
  const report = await timings(count, () => store.spendReport({ groupBy: 'key', fromDay: day(29), toDay: day(0) }));
  const summary = await timings(count, () => store.spendSummary({ groupBy: 'key', fromDay: day(29), toDay: day(0), top: 6, limit: 500 }));
  const page = await timings(count, () => store.querySpendLogs({ limit: 50 }));
  await store.close();
  results.push({ name: 'store spendReport by key, 30 days p95', value: report.p95, unit: 'ms', detail: `p50 ${report.p50.toFixed(1)} ms (no HTTP)` });
  results.push({ name: 'store spendSummary by key, 30 days p95', value: summary.p95, unit: 'ms', detail: `p50 ${summary.p50.toFixed(1)} ms (no HTTP)` });
  results.push({ name: 'store querySpendLogs first page p95', value: page.p95, unit: 'ms', detail: `p50 ${page.p50.toFixed(2)} ms (no HTTP)` });
  return results;
}
