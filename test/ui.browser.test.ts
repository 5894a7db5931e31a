// The admin UI in a real browser: the system Chromium (playwright-core) against a real gateway
// mounted in Express on an ephemeral port, with a fake upstream and capability sources in a
// temporary folder. Screenshots of each page go to test-output/ui/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayConfig } from '@switchyard/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageProblems, launchChromium, screenshot, type LaunchedBrowser } from './support/browser.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { startExpressHost, type Host } from './support/hosts.js';
import { chromiumPath, requireService } from './support/services.js';

const probe = await requireService('chromium', 'admin UI browser tests');
const MASTER_KEY = 'sk-admin-ui-master-0123456789';

const acme = (input: number, output: number) => ({ provider: 'acme', mode: 'chat', pricing: { input, output, cached_input: input / 10 }, limits: { max_input_tokens: 128000, max_output_tokens: 16000 } });

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
  const renderTimes: Record<string, number> = {};

  const writeSource = (value: unknown) => writeFileSync(sourceFile, typeof value === 'string' ? value : JSON.stringify(value));

  /** The page's expected failures (a refused key, a refused reload) are checked, then forgotten. */
  const takeProblems = () => problems.splice(0, problems.length);

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    const folder = mkdtempSync(join(tmpdir(), 'switchyard-ui-'));
    sourceFile = join(folder, 'acme.json');
    configFile = join(folder, 'config.yaml');
    writeSource({ models: { 'acme-chat': acme(1e-6, 4e-6) } });
    const deployment = (name: string) => ({ model_name: name, litellm_params: { model: `openai/${name}`, api_base: upstream.url, api_key: 'sk-upstream-secret-1234567890' } });
    config = {
      model_list: [deployment('acme-chat'), deployment('gpt-4o-mini'), { ...deployment('gpt-4o-mini'), model_info: { id: 'gpt-4o-mini-backup' } }],
      general_settings: { master_key: MASTER_KEY },
      capabilities: { sources: ['builtin', sourceFile], reload_interval_seconds: 3600 },
    };
    // From a file (JSON is YAML), so the page offers "Reload config".
    writeFileSync(configFile, JSON.stringify(config));
    host = await startExpressHost({ config: configFile });
    launched = await launchChromium(chromiumPath()!);
    context = await launched.browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
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
    expect(takeProblems().every((line) => line.includes('status of 401'))).toBe(true);
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
    expect(takeProblems().every((line) => line.includes('status of 422'))).toBe(true);
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
    for (const ms of Object.values(renderTimes)) expect(ms).toBeLessThan(1_000);
  });
});
