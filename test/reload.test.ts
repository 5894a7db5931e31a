// Reloading capabilities without a restart, end to end: a host on a real socket, the fake
// upstream, capability sources in a temporary directory and on a local HTTP server.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CostEvent, GatewayConfig } from '@switchyard/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { HOSTS, startExpressHost, type Host } from './support/hosts.js';

const LITELLM_SUBSET = fileURLToPath(new URL('../packages/core/src/capabilities/litellm/__fixtures__/model_prices_subset.json', import.meta.url));
const AUTH = { authorization: 'Bearer sk-master' };

// The fake upstream reports 12 prompt and 3 completion tokens for every chat request, so a
// model priced input/output costs 12 × input + 3 × output (worked by hand below).
const acme = (input: number, output: number, extra: Record<string, unknown> = {}) => ({ provider: 'acme', mode: 'chat', pricing: { input, output }, ...extra });
const OLD = { input: 1e-6, output: 4e-6, cost: '0.000024' }; // 12e-6 + 12e-6
const NEW = { input: 2e-6, output: 5e-6, cost: '0.000039' }; // 24e-6 + 15e-6
const MIXED = ['0.000027', '0.000036']; // 12 × old input + 3 × new output, and the reverse

/** A capability source on a local HTTP server; `answer` decides what the next request gets. */
class SourceServer {
  answer: { body: string } | 'drop' = { body: '{}' };
  url = '';
  readonly #server: Server = createServer((request, response) => {
    if (this.answer === 'drop') return void request.socket.destroy();
    response.writeHead(200, { 'content-type': 'application/json' }).end(this.answer.body);
  });

  serve(value: unknown): void {
    this.answer = { body: typeof value === 'string' ? value : JSON.stringify(value) };
  }

  async start(): Promise<this> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/prices.json`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

let upstream: FakeUpstream;
let sourceServer: SourceServer;
let directory: string;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
  sourceServer = await new SourceServer().start();
  directory = mkdtempSync(join(tmpdir(), 'switchyard-reload-'));
});
afterAll(async () => {
  await upstream.close();
  await sourceServer.close();
});
afterEach(() => upstream.reset());

const deployment = (name: string) => ({ model_name: name, litellm_params: { model: `openai/${name}`, api_base: upstream.url, api_key: 'sk-upstream' } });

function config(sources: unknown[], extra: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    model_list: [deployment('acme-chat'), deployment('acme-new'), deployment('gpt-4o-mini'), deployment('url-model'), deployment('gemini-2.5-flash')],
    general_settings: { master_key: 'sk-master' },
    capabilities: { sources: sources as never, ...extra.capabilities },
  };
}

function writeSource(name: string, value: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

async function chat(host: Host, model: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...AUTH },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }], ...extra }),
  });
  const body = extra.stream === true ? await response.text() : await readJson(response);
  return { status: response.status, cost: response.headers.get('x-switchyard-response-cost'), body };
}

async function reload(host: Host, init: RequestInit = {}) {
  const response = await fetch(`${host.gatewayUrl}/reload/model_cost_map`, { method: 'POST', headers: AUTH, ...init });
  return { status: response.status, body: await readJson(response) };
}

describe.each(HOSTS)('%s host: POST /reload/model_cost_map', (_name, startHost) => {
  it('needs the master key', async () => {
    const file = writeSource('auth.json', { models: { 'acme-chat': acme(OLD.input, OLD.output) } });
    const host = await startHost({ config: config(['builtin', file]) });
    try {
      const missing = await reload(host, { headers: {} });
      expect(missing.status).toBe(401);
      expect(missing.body.error.code).toBe('invalid_api_key');
      expect((await reload(host, { headers: { authorization: 'Bearer sk-wrong' } })).status).toBe(401);
      // A bare POST, as LiteLLM documents the route (`curl -X POST`), with the key.
      const bare = await reload(host);
      expect(bare.status).toBe(200);
      expect(bare.body).toMatchObject({ status: 'success', version: 2, models: { added: [], removed: [], changed: [] } });
    } finally {
      await host.close();
    }
  });

  it('swaps in new prices and models, answers the diff, and the next request is priced by the new snapshot', async () => {
    const file = writeSource('diff.json', { models: { 'acme-chat': acme(OLD.input, OLD.output), 'acme-retired': acme(1e-6, 1e-6) } });
    const host = await startHost({ config: config(['builtin', file]) });
    try {
      expect((await chat(host, 'acme-chat')).cost).toBe(OLD.cost);
      const unknown = await chat(host, 'acme-new');
      expect(unknown.status).toBe(200);
      expect(unknown.cost).toBeNull(); // no capability data, no price: no header, never a 0

      writeSource('diff.json', { models: { 'acme-chat': acme(NEW.input, NEW.output), 'acme-new': acme(1e-6, 2e-6) } });
      const { status, body } = await reload(host, { headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}' });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'success',
        version: 2,
        models: { added: ['acme-new'], removed: ['acme-retired'], changed: ['acme-chat'] },
        problems: [],
        duration_ms: expect.any(Number),
      });
      expect(body.sources).toEqual([
        { source: 'builtin', format: 'switchyard', models: expect.any(Number) },
        // The Express and Koa adapters register the Anthropic plugin by default; its Claude data follows builtin.
        { source: 'provider plugin anthropic', format: 'switchyard', models: expect.any(Number) },
        // and the Azure plugin, also registered by default.
        { source: 'provider plugin azure', format: 'switchyard', models: expect.any(Number) },
        // and the Bedrock plugin.
        { source: 'provider plugin bedrock', format: 'switchyard', models: expect.any(Number) },
        { source: file, format: 'switchyard', models: 2 },
      ]);

      expect((await chat(host, 'acme-chat')).cost).toBe(NEW.cost);
      expect((await chat(host, 'acme-new')).cost).toBe('0.000018'); // 12 × 1e-6 + 3 × 2e-6
    } finally {
      await host.close();
    }
  });
});

describe('an invalid source leaves the previous snapshot serving', () => {
  let host: Host;
  let file: string;
  const goodUrlModels = { 'url-model': acme(3e-6, 3e-6), 'url-b': acme(1e-6, 1e-6), 'url-c': acme(1e-6, 1e-6), 'url-d': acme(1e-6, 1e-6) };

  beforeAll(async () => {
    file = writeSource('invalid.json', { models: { 'acme-chat': acme(OLD.input, OLD.output, { limits: { max_output_tokens: 100 } }) } });
    sourceServer.serve({ models: goodUrlModels });
    host = await startExpressHost({ config: config(['builtin', file, sourceServer.url]) });
  });
  afterAll(() => host.close());

  const cases: [string, () => void, number, string, RegExp][] = [
    ['bad JSON', () => writeSource('invalid.json', '{"models": {"acme-chat": {},}}'), 422, 'invalid_capabilities', /^Capability source .*invalid\.json is not valid JSON: Expected double-quoted property name in JSON at position 28 \(line 1, column 29\)\.$/],
    [
      'a schema violation',
      () => writeSource('invalid.json', { models: { 'acme-chat': acme(NEW.input, NEW.output, { limits: { max_output_tokens: 'lots' } }) } }),
      422,
      'invalid_capabilities',
      /^Invalid capability file .*invalid\.json:\n {2}- models\.acme-chat\.limits\.max_output_tokens must be integer$/,
    ],
    ['an unreachable URL', () => (sourceServer.answer = 'drop'), 502, 'capability_source_unavailable', /^Cannot fetch capability source http:\/\/127\.0\.0\.1:\d+\/prices\.json: /],
    ['an empty map', () => sourceServer.serve({ models: {} }), 422, 'invalid_capabilities', /^Capability source http:\/\/127\.0\.0\.1:\d+\/prices\.json defines no models\.$/],
    [
      'a drastically smaller map',
      () => sourceServer.serve({ models: { 'url-model': acme(9e-6, 9e-6) } }),
      422,
      'invalid_capabilities',
      /defines 1 models, fewer than half of the 4 it defined at the last load/,
    ],
  ];

  it.each(cases)('%s', async (_label, breakSource, status, code, message) => {
    const before = await reload(host);
    expect(before.status).toBe(200);
    expect((await chat(host, 'url-model')).cost).toBe('0.000045'); // 12 × 3e-6 + 3 × 3e-6

    breakSource();
    try {
      const refused = await reload(host);
      expect(refused.status).toBe(status);
      expect(refused.body.error).toEqual({ message: expect.stringMatching(message), type: expect.any(String), param: null, code });

      // Prices and validation are those of the snapshot before.
      expect((await chat(host, 'acme-chat')).cost).toBe(OLD.cost);
      expect((await chat(host, 'url-model')).cost).toBe('0.000045');
      const tooLong = await chat(host, 'acme-chat', { max_tokens: 101 });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.param).toBe('max_tokens');
    } finally {
      writeSource('invalid.json', { models: { 'acme-chat': acme(OLD.input, OLD.output, { limits: { max_output_tokens: 100 } }) } });
      sourceServer.serve({ models: goodUrlModels });
    }
  });
});

describe('requests in flight across a reload', () => {
  it('all succeed, each priced entirely by the snapshot it started with', async () => {
    const file = writeSource('flight.json', { models: { 'acme-chat': acme(OLD.input, OLD.output) } });
    const events: CostEvent[] = [];
    const host = await startExpressHost({ config: config(['builtin', file]), onCost: (event) => void events.push(event) });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    upstream.handle(async () => {
      await gate;
      return false; // then answer as usual
    });
    try {
      const send = (index: number) => chat(host, 'acme-chat', index % 2 === 0 ? {} : { stream: true });
      const before = Array.from({ length: 100 }, (_, index) => send(index));
      await expect.poll(() => upstream.requests.length).toBe(100);

      writeSource('flight.json', { models: { 'acme-chat': acme(NEW.input, NEW.output) } });
      expect((await reload(host)).body.models.changed).toEqual(['acme-chat']);
      const after = Array.from({ length: 100 }, (_, index) => send(index));
      await expect.poll(() => upstream.requests.length).toBe(200);
      release();

      const responses = await Promise.all([...before, ...after]);
      expect(responses.map((response) => response.status)).toEqual(Array(200).fill(200));
      await expect.poll(() => events.length).toBe(200);
      expect(events.every((event) => event.outcome === 'success')).toBe(true);
      const costs = events.map((event) => event.cost);
      expect(costs.filter((cost) => MIXED.includes(cost!))).toEqual([]);
      expect(costs.filter((cost) => cost === OLD.cost)).toHaveLength(100);
      expect(costs.filter((cost) => cost === NEW.cost)).toHaveLength(100);
      // JSON responses carry their own snapshot's price in the header.
      expect(responses.slice(0, 100).filter((response) => response.cost !== null).map((response) => response.cost)).toEqual(Array(50).fill(OLD.cost));
      expect(responses.slice(100).filter((response) => response.cost !== null).map((response) => response.cost)).toEqual(Array(50).fill(NEW.cost));
    } finally {
      release();
      await host.close();
    }
  });
});

describe('source formats and start-up', () => {
  it('a day-0 model in a LiteLLM map gets its family by data; the reply names it and each changed field', async () => {
    const day0 = (name: string) => JSON.parse(readFileSync(new URL(`../packages/core/src/capabilities/__fixtures__/litellm-day0-${name}.json`, import.meta.url), 'utf8'));
    const file = writeSource('day0.json', day0('before'));
    const host = await startExpressHost({
      config: { ...config(['builtin', { path: file, format: 'litellm' }]), model_list: [deployment('gpt-5.5'), deployment('gpt-5.6')] },
    });
    try {
      writeSource('day0.json', day0('after'));
      const { status, body } = await reload(host);
      expect(status).toBe(200);
      expect(body.models).toMatchObject({
        added: ['gpt-5.6'],
        changed: ['gpt-5.5'],
        families: { 'gpt-5.6': 'openai/gpt-5-reasoning' },
        changes: { 'gpt-5.5': ['pricing.input 5e-6 → 4e-6'] },
      });
      // gpt-5.6's family refuses temperature at its default effort, before upstream.
      const refused = await chat(host, 'gpt-5.6', { temperature: 0.2 });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', param: 'temperature' });
      expect(upstream.requests).toHaveLength(0);
      // And renames max_tokens as gpt-5.5 does.
      expect((await chat(host, 'gpt-5.6', { max_tokens: 50 })).status).toBe(200);
      expect(upstream.requests[0]?.body).toMatchObject({ model: 'gpt-5.6', max_completion_tokens: 50 });
      expect(upstream.requests[0]?.body.max_tokens).toBeUndefined();
    } finally {
      await host.close();
    }
  });

  it('loads a LiteLLM map given as {path, format: litellm}, reporting the entries it skipped', async () => {
    const host = await startExpressHost({ config: config(['builtin', { path: LITELLM_SUBSET, format: 'litellm' }]) });
    try {
      // gemini-2.5-flash exists only in the map: 12 × 3e-7 + 3 × 2.5e-6.
      expect((await chat(host, 'gemini-2.5-flash')).cost).toBe('0.0000111');
      const { status, body } = await reload(host);
      expect(status).toBe(200);
      expect(body.sources).toContainEqual({ source: LITELLM_SUBSET, format: 'litellm', models: expect.any(Number) });
      expect(body.problems).toContainEqual(expect.objectContaining({ source: LITELLM_SUBSET, model: 'gpt-image-1', skipped: true }));
      expect(body.problems).toContainEqual(expect.objectContaining({ model: 'broken/no-provider', skipped: true }));
    } finally {
      await host.close();
    }
  });

  it('answers the first request after a URL source loaded (format detected), and serves without it when it cannot load', async () => {
    sourceServer.serve({ 'url-model': { litellm_provider: 'acme', mode: 'chat', input_cost_per_token: 3e-6, output_cost_per_token: 3e-6 } });
    const host = await startExpressHost({ config: config(['builtin', sourceServer.url]) });
    try {
      expect((await chat(host, 'url-model')).cost).toBe('0.000045');
    } finally {
      await host.close();
    }

    sourceServer.answer = 'drop';
    const degraded = await startExpressHost({ config: config(['builtin', sourceServer.url]) });
    try {
      const response = await chat(degraded, 'url-model');
      expect(response.status).toBe(200);
      expect(response.cost).toBeNull();
      expect((await chat(degraded, 'gpt-4o-mini')).cost).toBe('0.0000036'); // builtin: 12 × 1.5e-7 + 3 × 6e-7
    } finally {
      await degraded.close();
    }
  });

  it('reloads periodically with reload_interval_seconds, picking up a changed file', async () => {
    const file = writeSource('periodic.json', { models: { 'acme-chat': acme(OLD.input, OLD.output) } });
    const host = await startExpressHost({ config: config(['builtin', file], { capabilities: { reload_interval_seconds: 0.1 } }) });
    try {
      expect((await chat(host, 'acme-chat')).cost).toBe(OLD.cost);
      writeSource('periodic.json', { models: { 'acme-chat': acme(NEW.input, NEW.output) } });
      await expect.poll(async () => (await chat(host, 'acme-chat')).cost, { timeout: 3_000, interval: 50 }).toBe(NEW.cost);
    } finally {
      await host.close();
    }
  });
});
