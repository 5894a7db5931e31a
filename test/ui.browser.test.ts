// The admin UI in a real browser: the system Chromium (playwright-core) against a real gateway
// mounted in Express on an ephemeral port, with a fake upstream and capability sources in a
// temporary folder. Screenshots of each page go to test-output/ui/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayConfig } from '@switchyard/core';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageProblems, launchChromium, screenshot, type LaunchedBrowser } from './support/browser.js';
import { FakeUpstream, errorBody, sendJson } from './support/fake-upstream.js';
import { startExpressHost, type Host } from './support/hosts.js';
import { chromiumPath, requireService } from './support/services.js';

const probe = await requireService('chromium', 'admin UI browser tests');
const MASTER_KEY = 'sk-admin-ui-master-0123456789';

const acme = (input: number, output: number) => ({ provider: 'acme', mode: 'chat', pricing: { input, output, cached_input: input / 10 }, limits: { max_input_tokens: 128000, max_output_tokens: 16000 } });

/** Spend rows are written off the request path, through the outbox: apply the logs filters again until `row` is there. */
async function untilListed(page: Page, row: Locator): Promise<void> {
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Apply' }).click();
      return row.count();
    }, { timeout: 10_000 })
    .toBe(1);
}

describe.skipIf(!probe.available)('admin UI in Chromium', () => {
  let upstream: FakeUpstream;
  let host: Host;
  let launched: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let sourceFile: string;
  let configFile: string;
  let config: GatewayConfig;
  let databasePath: string;
  const renderTimes: Record<string, number> = {};

  const writeSource = (value: unknown) => writeFileSync(sourceFile, typeof value === 'string' ? value : JSON.stringify(value));

  /**
   * The page's expected failures (a refused key, a refused reload): Chromium logs each refused
   * fetch as a console error, and those, only those, are checked and then forgotten.
   */
  const expectOnlyRefusals = (status: number) => {
    const taken = problems.splice(0, problems.length);
    expect(taken.length).toBeGreaterThan(0);
    for (const line of taken) expect(line).toContain(`status of ${status}`);
  };

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    const folder = mkdtempSync(join(tmpdir(), 'switchyard-ui-'));
    sourceFile = join(folder, 'acme.json');
    configFile = join(folder, 'config.yaml');
    databasePath = join(folder, 'switchyard.db');
    writeSource({ models: { 'acme-chat': acme(1e-6, 4e-6) } });
    const deployment = (name: string) => ({ model_name: name, litellm_params: { model: `openai/${name}`, api_base: upstream.url, api_key: 'sk-upstream-secret-1234567890' } });
    config = {
      model_list: [deployment('acme-chat'), deployment('gpt-4o-mini'), { ...deployment('gpt-4o-mini'), model_info: { id: 'gpt-4o-mini-backup' } }],
      general_settings: { master_key: MASTER_KEY, database_url: `sqlite://${databasePath}` },
      // A failed call is retried once on the group's other deployment (gpt-4o-mini has two).
      router_settings: { num_retries: 1, disable_cooldowns: true },
      capabilities: { sources: ['builtin', sourceFile], reload_interval_seconds: 3600 },
    };
    // From a file (JSON is YAML), so the page offers "Reload config".
    writeFileSync(configFile, JSON.stringify(config));
    host = await startExpressHost({ config: configFile });
    launched = await launchChromium(chromiumPath()!);
    context = await launched.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    page = await context.newPage();
    // Fail with Playwright's own message (what it waited for) well before the test's timeout.
    page.setDefaultTimeout(5_000);
    problems = collectPageProblems(page);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await launched?.close();
    await host?.close();
    await upstream?.close();
  });

  it('refuses a wrong key with the gateway\'s message, then signs in with the master key', async () => {
    await page.goto(`${host.gatewayUrl}/ui/`);
    await page.getByLabel('API key').fill('sk-not-the-key');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Incorrect API key provided');
    expectOnlyRefusals(401);
    await screenshot(page, '01-login-refused');

    const started = performance.now();
    await page.getByLabel('API key').fill(MASTER_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#models-table tbody tr[data-deployment]').first().waitFor();
    renderTimes.models = performance.now() - started;
    // Only in this tab's sessionStorage: no cookie carries it anywhere.
    expect(await context.cookies()).toEqual([]);
    // (Browser globals as strings: the tests are type-checked without the DOM library.)
    expect(await page.evaluate('Object.values(sessionStorage)')).toContain(MASTER_KEY);
  });

  it('lists every deployment with prices per 1M, limits, source and the reload schedule', async () => {
    const acmeRow = page.locator('tr[data-deployment]', { has: page.locator('th', { hasText: 'acme-chat' }) });
    await expect.poll(() => acmeRow.locator('[data-price="input"]').textContent()).toBe('$1');
    expect(await acmeRow.locator('[data-price="output"]').textContent()).toBe('$4');
    expect(await acmeRow.locator('[data-price="cached_input"]').textContent()).toBe('$0.1');
    expect(await acmeRow.textContent()).toContain('128,000 / 16,000');
    expect(await acmeRow.textContent()).toContain(sourceFile);
    // Two deployments of gpt-4o-mini, each with its id; builtin prices.
    expect(await page.locator('tr[data-deployment="gpt-4o-mini-backup"]').count()).toBe(1);
    expect(await page.locator('#reload-status').textContent()).toContain('every 3600 s');

    await page.getByRole('searchbox').fill('backup');
    await expect.poll(() => page.locator('#models-table tbody tr').count()).toBe(1);
    await page.getByRole('searchbox').fill('');
    await screenshot(page, '02-models');
  });

  it('Reload Model Cost Map shows the changed price in the diff and on the page', async () => {
    writeSource({ models: { 'acme-chat': acme(2.5e-6, 4e-6) } });
    await page.getByRole('button', { name: 'Reload Model Cost Map' }).click();
    const diff = page.locator('#reload-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('1 changed');
    expect(await diff.locator('.diff-line').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/pricing\.input 0\.000001 → 0\.0000025|pricing\.input 1e-6 → 2\.5e-6/)]));
    const acmeRow = page.locator('tr[data-deployment]', { has: page.locator('th', { hasText: 'acme-chat' }) });
    await expect.poll(() => acmeRow.locator('[data-price="input"]').textContent()).toBe('$2.5');
    await expect.poll(() => page.getByTestId('last-reload').textContent()).toContain('0 added, 0 removed, 1 changed');
    await screenshot(page, '03-models-reloaded');
  });

  it('a refused source shows the gateway\'s precise error and the prices in force stay', async () => {
    writeSource('{ "models": { "acme-chat": ');
    await page.getByRole('button', { name: 'Reload Model Cost Map' }).click();
    const alert = page.locator('.reload-panel [role="alert"]');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Model cost map reload refused');
    expect(text).toContain(sourceFile);
    expect(text).toContain('invalid_capabilities');
    expectOnlyRefusals(422);
    const acmeRow = page.locator('tr[data-deployment]', { has: page.locator('th', { hasText: 'acme-chat' }) });
    expect(await acmeRow.locator('[data-price="input"]').textContent()).toBe('$2.5');
    await expect.poll(() => page.getByTestId('last-reload').textContent()).toContain('refused');
    await screenshot(page, '04-models-reload-refused');
    writeSource({ models: { 'acme-chat': acme(2.5e-6, 4e-6) } });
  });

  it('Reload config shows the deployments the new file adds', async () => {
    const added = { model_name: 'acme-extra', litellm_params: { model: 'openai/acme-chat', api_base: 'http://127.0.0.1:1/v1', api_key: 'sk-upstream-secret-1234567890' }, model_info: { id: 'acme-extra-1' } };
    writeFileSync(configFile, JSON.stringify({ ...config, model_list: [...(config.model_list ?? []), added] }));
    await page.getByRole('button', { name: 'Reload config' }).click();
    await expect.poll(() => page.locator('.reload-panel [role="status"]').textContent()).toContain('Config reloaded: 1 added, 0 removed, 0 changed');
    expect(await page.locator('.reload-panel [role="status"]').textContent()).toContain('acme-extra-1');
    await page.locator('tr[data-deployment="acme-extra-1"]').waitFor();
    writeFileSync(configFile, JSON.stringify(config));
    await page.getByRole('button', { name: 'Reload config' }).click();
    await expect.poll(() => page.locator('tr[data-deployment="acme-extra-1"]').count()).toBe(0);
  });

  it('deployment health, reached with the keyboard', async () => {
    await page.getByRole('link', { name: 'Health' }).focus();
    await page.keyboard.press('Enter');
    const started = performance.now();
    await page.locator('#health-table tbody tr').first().waitFor();
    renderTimes.health = performance.now() - started;
    expect(await page.locator('#health-table tbody tr').count()).toBe(3);
    expect(await page.locator('#health-table').textContent()).toContain('gpt-4o-mini-backup');
    expect(await page.locator('#health-table .badge-ok').count()).toBe(3);
    await screenshot(page, '05-health');
  });

  let plaintext = '';
  let requestId = '';
  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${host.gatewayUrl}/v1`, maxRetries: 0 });
  const keyRow = (alias: string) => page.locator(`#keys-table tr[data-key-alias="${alias}"]`);

  it('creates a key, shows its plaintext once with a copy button, and the key works with the openai SDK', async () => {
    await page.getByRole('link', { name: 'Keys' }).click();
    const started = performance.now();
    await page.locator('#keys-table').waitFor();
    await expect.poll(() => page.locator('.empty').textContent()).toBe('No keys yet.');
    renderTimes.keys = performance.now() - started;
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create key' });
    await dialog.getByLabel('Alias').fill('ui-e2e');
    await dialog.getByLabel(/^Models/).fill('acme-chat');
    await dialog.getByLabel('Max budget (USD)').fill('5');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    plaintext = (await page.locator('#new-key-value').textContent()) ?? '';
    expect(plaintext).toMatch(/^sk-/);
    await page.locator('#new-key').getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('#new-key').getByRole('button', { name: 'Copied' }).count()).toBe(1);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(plaintext);
    const row = keyRow('ui-e2e');
    await row.waitFor();
    expect(await row.textContent()).toContain('acme-chat');
    expect(await row.textContent()).toContain('$0 / $5.00');
    expect(await row.textContent()).not.toContain(plaintext);
    await screenshot(page, '07-keys-created');
    await page.locator('#new-key').getByRole('button', { name: 'Done' }).click();
    expect(await page.locator('#new-key').count()).toBe(0);
    // Shown once: the list holds only the masked form.
    await page.reload();
    await keyRow('ui-e2e').waitFor();
    expect(await page.content()).not.toContain(plaintext);

    const { data, response } = await client(plaintext).chat.completions.create({ model: 'acme-chat', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from upstream');
    requestId = response.headers.get('x-request-id') ?? '';
    // 12 prompt tokens × $2.5/1M + 3 completion tokens × $4/1M, the prices reloaded above.
    expect(response.headers.get('x-switchyard-response-cost')).toBe('0.000042');
    await expect(client(plaintext).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: 401 });
  });

  it('shows that request on the logs page, with its cost and a detail view', async () => {
    await page.getByRole('link', { name: 'Logs' }).click();
    const row = page.locator(`#logs-table tr[data-request-id="${requestId}"]`);
    await untilListed(page, row);
    expect(await row.locator('[data-cost]').textContent()).toBe('$0.000042');
    expect(await row.textContent()).toContain('ui-e2e');
    expect(await row.textContent()).toContain('acme-chat');
    await row.getByRole('button', { name: `Details of ${requestId}` }).click();
    const detail = page.locator('#log-detail');
    expect(await detail.locator('[data-detail="cost"]').textContent()).toBe('$0.000042');
    expect(await detail.textContent()).toContain('12 in');
    expect(await detail.textContent()).toContain('3 out');
    expect(await detail.textContent()).toMatch(/acme-chat-[0-9a-f]+/);
    await screenshot(page, '08-logs-detail');

    await page.getByLabel('Model').fill('no-such-model');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.locator('#logs-table + .empty').textContent()).toBe('No spend log rows match.');
    await page.getByLabel('Model').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await row.waitFor();
    const started = performance.now();
    await page.reload();
    await row.waitFor();
    renderTimes.logs = performance.now() - started;
  });

  it('shows its cost on the usage page by model and by key, and exports it as CSV', async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    const started = performance.now();
    const modelRow = page.locator('#usage-table tr[data-group="acme-chat"]');
    await modelRow.waitFor();
    renderTimes.usage = performance.now() - started;
    expect(await modelRow.locator('[data-spend]').textContent()).toBe('$0.000042');
    // The refused call (a model the key may not use) counts as a failed request of that model.
    expect(await page.locator('[data-total="requests"]').textContent()).toBe('2');
    expect(await modelRow.textContent()).toContain('acme-chat1012');
    expect(await page.locator('[data-total="spend"]').textContent()).toBe('$0.000042');
    expect(await page.locator('.chart canvas').count()).toBe(2);
    await screenshot(page, '09-usage-by-model');

    await page.locator('select[name="group-by"]').selectOption('key');
    await page.locator('#usage-table tr[data-group="ui-e2e"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('day,key_hash,model,requests,failures,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,spend_usd');
    expect(csv).toMatch(/\d{4}-\d{2}-\d{2},[0-9a-f]{64},acme-chat,1,0,12,3,0,0,0\.000042\r\n/);
    await screenshot(page, '10-usage-by-key');
  });

  it('shows the attempts of a failed-over request, and filters by status on the server', async () => {
    // The group's first pick answers 429 once, then the other deployment answers; "fail everywhere" gets 500 from both.
    let rateLimited = false;
    upstream.handle((request, response) => {
      const text = request.body?.messages?.[0]?.content;
      if (text === 'fail everywhere' || (text === 'fail over' && !rateLimited)) {
        rateLimited = true;
        const status = text === 'fail over' ? 429 : 500;
        sendJson(response, status, errorBody(`failure ${status}`, status === 429 ? 'rate_limit_exceeded' : 'server_error', status === 429 ? 'requests' : 'server_error'));
        return true;
      }
      return false;
    });
    const send = async (model: string, content: string) => {
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
      });
      await response.arrayBuffer();
      return { status: response.status, id: response.headers.get('x-request-id') ?? '', attempts: response.headers.get('x-switchyard-attempts') };
    };
    const failedOver = await send('gpt-4o-mini', 'fail over');
    expect(failedOver).toMatchObject({ status: 200, attempts: '2' });
    const failed = await send('gpt-4o-mini', 'fail everywhere');
    expect(failed).toMatchObject({ status: 500, attempts: '2' });
    // 55 newer successes: more than a page, so the failures are not among the newest 50 rows.
    for (let batch = 0; batch < 11; batch++) await Promise.all(Array.from({ length: 5 }, () => send('acme-chat', 'Hi')));
    upstream.reset();

    await page.getByRole('link', { name: 'Logs' }).click();
    await page.getByLabel('Request id').fill(failedOver.id);
    const row = page.locator(`#logs-table tr[data-request-id="${failedOver.id}"]`);
    await untilListed(page, row);
    await row.getByRole('button', { name: `Details of ${failedOver.id}` }).click();
    const attempts = page.locator('#log-attempts tbody tr');
    await expect.poll(() => attempts.count()).toBe(2);
    const first = attempts.nth(0);
    const second = attempts.nth(1);
    expect(await first.locator('.badge').textContent()).toBe('429 failure');
    expect(await first.textContent()).toContain('rate_limit_exceeded');
    expect(await second.locator('.badge').textContent()).toBe('200 success');
    const deployments = [await first.getAttribute('data-deployment'), await second.getAttribute('data-deployment')];
    expect(deployments[0]).not.toBe(deployments[1]);
    for (const deployment of deployments) expect(deployment).toMatch(/^gpt-4o-mini-/);
    // The row names the deployment that answered: the second attempt's.
    expect(await page.locator('#log-detail').textContent()).toContain(`${deployments[1]} (openai)`);
    expect(await page.locator('#log-detail h3').textContent()).toBe('Attempts (2)');
    await screenshot(page, '12-logs-attempts');

    // A row an older release wrote (no attempts column then): one attempt, from the row itself.
    const Database = createRequire(new URL('../packages/stores/sqlite/package.json', import.meta.url))('better-sqlite3') as new (path: string) => { exec(sql: string): void; close(): void };
    const database = new Database(databasePath);
    const startedAt = Date.now() - 30 * 86_400_000;
    database.exec(`INSERT INTO spend_logs (request_id, key_hash, model, deployment, provider, endpoint, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens,
      reasoning_tokens, cost, outcome, status, error_code, started_at, ended_at, duration_ms, tags, attempts)
      VALUES ('req_before_attempts', NULL, 'gpt-4o-mini', 'gpt-4o-mini-backup', 'openai', 'chat.completions', 7, 2, 0, 0, 0, NULL, 'success', 200, NULL, ${startedAt}, ${startedAt + 321}, 321, '[]', NULL)`);
    database.close();
    await page.getByLabel('Request id').fill('req_before_attempts');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Details of req_before_attempts' }).click();
    await expect.poll(() => page.locator('#log-attempts tbody tr').count()).toBe(1);
    expect(await page.locator('#log-attempts tbody tr').textContent()).toBe('1gpt-4o-mini-backupgpt-4o-mini200 success—321 ms');
    expect(await page.locator('[data-attempts="from-row"]').textContent()).toContain('Logged before attempts were stored');
    await screenshot(page, '13-logs-row-before-attempts');

    // Failures only, from the server: both are on the first page although 55 newer successes exist.
    await page.getByLabel('Request id').fill('');
    await page.locator('select[name="status"]').selectOption('failure');
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Apply' }).click();
        return page.locator(`#logs-table tr[data-request-id="${failed.id}"]`).count();
      }, { timeout: 10_000 })
      .toBe(1);
    const shown = page.locator('#logs-table tbody tr');
    // The failed attempt above, and the key's refused call to a model it may not use.
    expect(await shown.count()).toBe(2);
    expect(await shown.locator('.badge-bad').count()).toBe(2);
    expect(await page.locator('#logs-table').textContent()).toContain('key_model_access_denied');
    await page.locator(`#logs-table tr[data-request-id="${failed.id}"]`).getByRole('button', { name: `Details of ${failed.id}` }).click();
    await expect.poll(() => page.locator('#log-attempts .badge').allTextContents()).toEqual(['500 failure', '500 failure']);
    await screenshot(page, '14-logs-failures');

    await page.locator('select[name="status"]').selectOption('success');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => shown.locator('.badge-bad').count()).toBe(0);
    await expect.poll(() => shown.count()).toBe(50);
    expect(await shown.locator('.badge-ok').count()).toBe(50);
    expect(await page.getByRole('button', { name: 'Older' }).isEnabled()).toBe(true);
    await page.locator('select[name="status"]').selectOption('');
    await page.getByRole('button', { name: 'Apply' }).click();
  });

  it('edits, blocks (the next request is refused), regenerates and deletes the key', async () => {
    await page.getByRole('link', { name: 'Keys' }).click();
    const row = keyRow('ui-e2e');
    await row.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit ui-e2e' });
    await dialog.getByLabel('Max budget (USD)').fill('10');
    await dialog.getByLabel('RPM limit').fill('60');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.textContent()).toContain('/ $10.00');
    expect(await row.textContent()).toContain('60 rpm');

    await row.getByRole('button', { name: 'Block' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('blocked');
    await expect(client(plaintext).chat.completions.create({ model: 'acme-chat', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: 401, code: 'key_blocked' });
    await screenshot(page, '11-keys-blocked');
    await row.getByRole('button', { name: 'Unblock' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('active');
    expect((await client(plaintext).chat.completions.create({ model: 'acme-chat', messages: [{ role: 'user', content: 'Hi' }] })).choices[0]?.message.content).toBe('Hello from upstream');

    // Destructive actions ask first: Cancel changes nothing.
    await row.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('dialog', { name: /^Regenerate ui-e2e/ }).getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('#new-key').count()).toBe(0);
    await row.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('dialog', { name: /^Regenerate ui-e2e/ }).getByRole('button', { name: 'Regenerate' }).click();
    const regenerated = (await page.locator('#new-key-value').textContent()) ?? '';
    expect(regenerated).toMatch(/^sk-/);
    expect(regenerated).not.toBe(plaintext);
    await expect(client(plaintext).chat.completions.create({ model: 'acme-chat', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: 401 });
    expect((await client(regenerated).chat.completions.create({ model: 'acme-chat', messages: [{ role: 'user', content: 'Hi' }] })).choices[0]?.message.content).toBe('Hello from upstream');

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.keyboard.press('Escape');
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: /^Delete ui-e2e/ }).getByRole('button', { name: 'Delete key' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect(client(regenerated).chat.completions.create({ model: 'acme-chat', messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({ status: 401 });
  });

  it('signs in with a proxy_admin virtual key, and refuses a key that is not an admin', async () => {
    const admin = await fetch(`${host.gatewayUrl}/user/new`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'ui-admin', user_role: 'proxy_admin' }),
    }).then((response) => response.json() as Promise<{ key: string }>);
    const plain = await fetch(`${host.gatewayUrl}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key_alias: 'not-an-admin' }),
    }).then((response) => response.json() as Promise<{ key: string }>);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(plain.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Only the master key or a proxy_admin key');
    expectOnlyRefusals(403);
    await page.getByLabel('API key').fill(admin.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#keys-table tr[data-key-alias="not-an-admin"]').waitFor();
    expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([admin.key]);
  });

  it('has a dark look', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${host.gatewayUrl}/ui/#/models`);
    await page.locator('#models-table tbody tr').first().waitFor();
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(17, 20, 24)');
    await screenshot(page, '06-models-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logged no console error, page error or failed request', () => {
    expect(problems).toEqual([]);
    console.log(`admin UI render times (ms): ${JSON.stringify(Object.fromEntries(Object.entries(renderTimes).map(([name, ms]) => [name, Math.round(ms)])))}`);
    expect(Object.keys(renderTimes).sort()).toEqual(['health', 'keys', 'logs', 'models', 'usage']);
    for (const ms of Object.values(renderTimes)) expect(ms).toBeLessThan(1_000);
  });
});
