import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots of the browser suites land here (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/ui/', import.meta.url));

export interface LaunchedBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * The system Chromium with the flags DEVELOPERS.md lists: headless, no calls to Google's hosts.
 * Playwright gives it a fresh temporary profile itself (it refuses `--user-data-dir`).
 */
export async function launchChromium(executablePath: string): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Every console error, uncaught exception and failed request of a page, for a "none" assertion. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request the page aborted itself (a newer load replaced it) is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  return problems;
}

/** The whole page, or (`fullPage: false`) what the window shows: for a table of hundreds of rows. */
export async function screenshot(page: Page, name: string, { fullPage = true }: { readonly fullPage?: boolean } = {}): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
