// The admin UI's files as every host serves them: the standalone proxy at /ui/, the Express and
// Koa mounts at /llm/ui/. Content types, caching, the SPA fallback, refused traversal, JSON 404s,
// and the switch that turns it off.
import { request as httpRequest } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { uiDirectory } from '@switchyard/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_HOSTS, type Host } from './support/hosts.js';
import { upstreamConfig } from './support/config.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly bytes: Buffer;
}

/** node:http sends the path as given: no client-side `..` folding, no re-encoding. */
function get(url: string, rawPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, path: rawPath, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: bytes.toString('utf8'), bytes });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

const asset = readdirSync(join(uiDirectory, 'assets')).find((name) => name.endsWith('.js'))!;
const index = readFileSync(join(uiDirectory, 'index.html'), 'utf8');

describe.each(ALL_HOSTS)('admin UI files via %s', (_name, start) => {
  let host: Host;
  let ui: string;
  let prefix: string;
  beforeAll(async () => {
    host = await start({ config: upstreamConfig('http://127.0.0.1:1/v1') });
    prefix = new URL(host.gatewayUrl).pathname.replace(/\/$/, '');
    ui = `${prefix}/ui`;
  });
  afterAll(() => host.close());

  it('serves index.html at ui/, revalidated each time, with a strict CSP', async () => {
    const answer = await get(host.url, `${ui}/`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.body).toBe(index);
    const again = await get(host.url, `${ui}/`, { 'if-none-match': String(answer.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('caches hashed assets for a year, with their content type', async () => {
    const answer = await get(host.url, `${ui}/assets/${asset}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.body).toBe(readFileSync(join(uiDirectory, 'assets', asset), 'utf8'));
  });

  it('sends text files gzipped to a client that accepts it, and plain to one that does not', async () => {
    const plain = readFileSync(join(uiDirectory, 'assets', asset));
    const zipped = await get(host.url, `${ui}/assets/${asset}`, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(plain.length / 2);
    expect(gunzipSync(zipped.bytes).equals(plain)).toBe(true);
    const refused = await get(host.url, `${ui}/assets/${asset}`, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.bytes.equals(plain)).toBe(true);
  });

  it('redirects ui to ui/ so relative asset URLs resolve', async () => {
    const answer = await get(host.url, ui);
    expect(answer.status).toBe(308);
    expect(new URL(String(answer.headers.location), `${host.url}${ui}`).pathname).toBe(`${ui}/`);
  });

  it('answers a client-side route with index.html and a missing asset with a JSON 404', async () => {
    const page = await get(host.url, `${ui}/keys`);
    expect(page.status).toBe(200);
    expect(page.body).toBe(index);
    const missing = await get(host.url, `${ui}/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(missing.body).error.code).toBe('not_found');
  });

  it.each([
    '/ui/../../package.json',
    '/ui/assets/..%2f..%2f..%2fpackage.json',
    '/ui/%2e%2e/%2e%2e/package.json',
    '/ui/..%5c..%5cpackage.json',
    '/ui/assets/%00.js',
    '/ui/%E0%A4%A',
  ])('refuses %s with a JSON 404, and keeps serving', async (path) => {
    const answer = await get(host.url, `${prefix}${path}`);
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(answer.body);
    expect(body.error.type).toBe('invalid_request_error');
    expect(answer.body).not.toContain('"name"');
    expect((await get(host.url, `${ui}/`)).status).toBe(200);
  });

  it('keeps JSON 404s elsewhere under the mount', async () => {
    const answer = await get(host.url, `${prefix}/uix/index.html`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error.code).toBe('not_found');
  });
});

describe.each(ALL_HOSTS)('admin UI turned off via %s', (_name, start) => {
  it('general_settings.disable_admin_ui: true leaves ui/ a JSON 404', async () => {
    const config = upstreamConfig('http://127.0.0.1:1/v1');
    const host = await start({ config: { ...config, general_settings: { ...config.general_settings, disable_admin_ui: true } } });
    try {
      const prefix = new URL(host.gatewayUrl).pathname.replace(/\/$/, '');
      const answer = await get(host.url, `${prefix}/ui/`);
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body).error.code).toBe('not_found');
    } finally {
      await host.close();
    }
  });

  it('adminUiDirectory: false does the same', async () => {
    const host = await start({ config: upstreamConfig('http://127.0.0.1:1/v1'), adminUiDirectory: false });
    try {
      const prefix = new URL(host.gatewayUrl).pathname.replace(/\/$/, '');
      expect((await get(host.url, `${prefix}/ui/index.html`)).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});
