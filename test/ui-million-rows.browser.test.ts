// The admin UI's logs and usage pages on a database of 1,000,000 spend rows (90 days, 500 keys,
// 25 teams, 8 models), in the system Chromium against the standalone proxy: each page shows its
// data within a second, and the usage page's totals are the whole million. The rows go in with
// one INSERT … SELECT and the daily rollups are summed from them in SQL, the key rollup's
// triggers filling the model and key-total ones (about 15–20 s; writing them through the store's
// writeSpend, as `pnpm bench` does, takes a minute); the stores' own rollup writes are checked
// against their reports in the store contract.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@switchyard/store-sqlite';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageProblems, launchChromium, screenshot, type LaunchedBrowser } from './support/browser.js';
import { startStandaloneHost, type Host } from './support/hosts.js';
import { chromiumPath, requireService } from './support/services.js';

const probe = await requireService('chromium', 'admin UI at 1M spend rows');
const MASTER_KEY = 'sk-admin-ui-million-0123456789';
const ROWS = 1_000_000;
const DAY = 86_400_000;
// Long enough that a slow page fails on its render time (below), which says how slow, not on the wait.
const POLL = { timeout: 10_000, interval: 10 };
const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-5.5', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'acme-chat', 'text-embedding-3-small', 'o4-mini'];

// The driver the store uses, to fill the file as a bulk load would.
const Database = createRequire(new URL('../packages/stores/sqlite/package.json', import.meta.url))('better-sqlite3') as new (path: string) => {
  pragma(sql: string): unknown;
  function(name: string, implementation: (left: unknown, right: unknown) => string): void;
  exec(sql: string): void;
  prepare(sql: string): { run(...parameters: unknown[]): unknown; get(): unknown };
  close(): void;
};

/** Row i: key (i·7919) mod 500, team key mod 25, model (i·31) mod 8, spread evenly over the 90 days ending `endDay`; one in 53 failed. */
/** Returns how many key × model × day rollup rows there are. */
function seed(path: string, endDay: number): number {
  const database = new Database(path);
  try {
    database.pragma('synchronous = OFF');
    // The key rollup's triggers fill the model and key-total rollups with it, as in the store.
    database.function('atto_add', (left, right) => (BigInt(String(left)) + BigInt(String(right))).toString());
    const firstDay = endDay - 89 * DAY;
    // Numbers in the SQL text, not bound: the driver binds a JS number as REAL, and i * 90 / rows must divide as integers.
    database.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1}),
      shaped AS (SELECT i, (i * 7919) % 500 AS k, json_extract(?, '$[' || ((i * 31) % 8) || ']') AS model,
        ${firstDay} + (i * 90 / ${ROWS}) * ${DAY} + (i * 104729) % ${DAY} AS at, 50 + (i * 13) % 4000 AS input, 10 + (i * 17) % 800 AS output, i % 53 = 0 AS failed FROM n)
      INSERT INTO spend_logs (request_id, key_hash, key_alias, team_id, user_id, model, deployment, provider, endpoint, input_tokens, output_tokens,
        cached_input_tokens, cache_write_tokens, reasoning_tokens, cost, outcome, status, error_code, started_at, ended_at, duration_ms, tags, attempts)
      SELECT printf('ui-%08d', i), printf('%08x%056x', (k * 2654435761) % 4294967296, k), 'ui-key-' || k, 'team-' || (k % 25), NULL, model, model || '-0', 'openai', 'chat/completions',
        input, output, 0, 0, 0, CASE WHEN failed THEN NULL ELSE CAST((input * 150 + output * 600) * 1000000000 AS TEXT) END,
        CASE WHEN failed THEN 'error' ELSE 'success' END, CASE WHEN failed THEN 502 ELSE 200 END, CASE WHEN failed THEN 'upstream_error' ELSE NULL END,
        at, at + 400 + i % 900, 400 + i % 900, '[]', NULL
      FROM shaped`).run(JSON.stringify(MODELS));
    const sums = `count(*), sum(outcome <> 'success'), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(reasoning_tokens), CAST(sum(COALESCE(CAST(cost AS INTEGER), 0)) AS TEXT)`;
    const day = `strftime('%Y-%m-%d', started_at / 1000, 'unixepoch')`;
    database.exec(`
      INSERT INTO spend_daily_key SELECT ${day}, key_hash, model, ${sums} FROM spend_logs GROUP BY 1, 2, 3;
      INSERT INTO spend_daily_team SELECT ${day}, team_id, model, ${sums} FROM spend_logs GROUP BY 1, 2, 3;
      ANALYZE;
    `);
    return (database.prepare('SELECT count(*) AS rows FROM spend_daily_key').get() as { rows: number }).rows;
  } finally {
    database.close();
  }
}

describe.skipIf(!probe.available)('admin UI in Chromium with 1,000,000 spend rows', () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchyard-ui-million-'));
  let host: Host;
  let launched: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let seedMs = 0;
  let exportMs = 0;
  let rollupRows = 0;
  const renderTimes: Record<string, number> = {};

  /** Milliseconds from `action` until `ready` resolves. */
  const timed = async (name: string, action: () => Promise<unknown>, ready: () => Promise<unknown>) => {
    const started = performance.now();
    await action();
    await ready();
    renderTimes[name] = performance.now() - started;
  };
  const totalRequests = () => page.locator('[data-total="requests"]').textContent();

  beforeAll(async () => {
    const path = join(folder, 'switchyard.db');
    const now = new Date();
    await openSqliteStore({ url: `sqlite://${path}`, baseDir: folder }).close();
    const started = performance.now();
    rollupRows = seed(path, Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    seedMs = performance.now() - started;
    host = await startStandaloneHost({
      config: {
        model_list: [{ model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', mock_response: 'hi' } }],
        general_settings: { master_key: MASTER_KEY, database_url: `sqlite://${path}` },
      },
    });
    launched = await launchChromium(chromiumPath()!);
    context = await launched.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    problems = collectPageProblems(page);
    await page.goto(`${host.gatewayUrl}/ui/`);
    await page.getByLabel('API key').fill(MASTER_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#models-table tbody tr[data-deployment]').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await launched?.close();
    await host?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows the newest 50 log rows and pages on by cursor', async () => {
    const rows = page.locator('#logs-table tbody tr[data-request-id]');
    await timed('logs', () => page.getByRole('link', { name: 'Logs' }).click(), () => expect.poll(() => rows.count(), POLL).toBe(50));
    const first = await rows.first().getAttribute('data-request-id');
    await timed('logs, older page', () => page.getByRole('button', { name: 'Older' }).click(), () => expect.poll(() => rows.first().getAttribute('data-request-id'), POLL).not.toBe(first));
    expect(await rows.count()).toBe(50);
    await screenshot(page, '15-million-rows-logs');
  });

  it('shows 90 days by model, key and team, each totalling the million rows', async () => {
    await timed('usage, 7 days by model', () => page.getByRole('link', { name: 'Usage' }).click(), () => page.locator('#usage-table tbody tr[data-group]').first().waitFor());
    const last7 = Number((await totalRequests())!.replaceAll(',', ''));
    expect(last7).toBeGreaterThan(70_000);
    expect(last7).toBeLessThan(90_000);
    await timed('usage, 90 days by model', () => page.getByRole('button', { name: '90 days' }).click(), () => expect.poll(totalRequests, POLL).toBe('1,000,000'));
    expect(await page.locator('#usage-table tbody tr[data-group]').count()).toBe(MODELS.length);
    await screenshot(page, '16-million-rows-usage-by-model');
    const groups = page.locator('#usage-table tbody tr[data-group]');
    await timed('usage, 90 days by key', () => page.locator('select[name="group-by"]').selectOption('key'), () => expect.poll(() => groups.count(), POLL).toBe(500));
    expect(await totalRequests()).toBe('1,000,000');
    await screenshot(page, '17-million-rows-usage-by-key', { fullPage: false });
    await timed('usage, 90 days by team', () => page.locator('select[name="group-by"]').selectOption('team'), () => expect.poll(() => groups.count(), POLL).toBe(25));
    expect(await totalRequests()).toBe('1,000,000');
    await screenshot(page, '18-million-rows-usage-by-team');
  });

  it('exports 90 days by key as CSV: every key × model × day rollup row', async () => {
    await page.locator('select[name="group-by"]').selectOption('key');
    await expect.poll(() => page.locator('#usage-table tbody tr[data-group]').count(), POLL).toBe(500);
    const started = performance.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    exportMs = performance.now() - started;
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('day,key_hash,model,requests,failures,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,spend_usd');
    expect(lines.length - 1).toBe(rollupRows);
    expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[3]), 0)).toBe(ROWS);
  });

  it('rendered every page within a second, with no console error', () => {
    console.log(`admin UI at 1M spend rows, seeded in ${(seedMs / 1000).toFixed(1)} s; CSV export of ${rollupRows.toLocaleString('en-US')} rows in ${Math.round(exportMs)} ms; render times (ms): ${JSON.stringify(Object.fromEntries(Object.entries(renderTimes).map(([name, ms]) => [name, Math.round(ms)])))}`);
    expect(Object.keys(renderTimes)).toHaveLength(6);
    for (const ms of Object.values(renderTimes)) expect(ms).toBeLessThan(1_000);
    expect(problems).toEqual([]);
  });
});
