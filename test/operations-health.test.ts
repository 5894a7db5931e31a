import type { ReadinessResult } from '@switchyard/core';
import { createProxyServer } from '@switchyard/server';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, modelsConfig } from './support/model-config.js';
import { silentLogger } from '@switchyard/express';

interface Readiness {
  status: string;
  checks: Record<string, { status: string; detail?: string }>;
  error?: { code: string; type: string };
}

describe.each(ALL_HOSTS)('health and overhead through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let store: ReadinessResult = { status: 'ok' };

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({
      config: modelsConfig([
        modelEntry(upstream.url, 'gpt-4o-mini', 'openai/gpt-4o-mini'),
        modelEntry(upstream.url, 'embed', 'openai/text-embedding-3-small', {}, { mode: 'embedding' }),
        modelEntry(upstream.url, 'broken', 'openai/error-500'),
      ]),
      readinessChecks: { 'key-store': () => store },
    });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  it('liveness answers without a key at /health/liveliness, /health/liveness and /health/live', async () => {
    for (const path of ['/health/liveliness', '/health/liveness', '/health/live']) {
      const response = await fetch(`${host.gatewayUrl}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
  });

  it('readiness flips to 503 when a store reports down, back when it recovers; degraded stays ready', async () => {
    const read = async () => {
      const response = await fetch(`${host.gatewayUrl}/health/readiness`);
      return { status: response.status, body: (await response.json()) as Readiness };
    };
    const ready = await read();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'healthy', checks: { capabilities: { status: 'ok' }, 'key-store': { status: 'ok' } } });
    store = { status: 'down', detail: 'connection refused' };
    const down = await read();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unhealthy', checks: { 'key-store': { status: 'down', detail: 'connection refused' } }, error: { code: 'not_ready', type: 'server_error' } });
    store = { status: 'degraded', detail: 'serving from the in-process cache' };
    expect((await read()).status).toBe(200);
    store = { status: 'ok' };
    expect((await read()).status).toBe(200);
  });

  it('GET /health with a master key needs it, and checks every deployment with a cheap call', async () => {
    expect((await fetch(`${host.gatewayUrl}/health`)).status).toBe(401);
    upstream.reset();
    const response = await fetch(`${host.gatewayUrl}/health`, { headers: { authorization: 'Bearer sk-master' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { healthy_count: number; unhealthy_count: number; healthy_endpoints: { model_name: string }[]; unhealthy_endpoints: { model_name: string; error: string }[] };
    expect(body.healthy_endpoints.map((endpoint) => endpoint.model_name).sort()).toEqual(['embed', 'gpt-4o-mini']);
    expect(body.unhealthy_endpoints).toEqual([expect.objectContaining({ model_name: 'broken', error: expect.any(String) })]);
    expect(JSON.stringify(body)).not.toContain('sk-upstream-secret');
    const chat = upstream.requests.find((request) => request.body?.model === 'gpt-4o-mini');
    expect(chat?.body).toMatchObject({ max_tokens: 1 });
    expect(upstream.requests.find((request) => request.path === '/v1/embeddings')?.body).toMatchObject({ input: 'ping' });
  });

  it('every answer carries x-switchyard-overhead-ms: the gateway’s time without the upstream', async () => {
    const slow = 150;
    upstream.handle(async (request) => {
      if (request.body?.messages?.[0]?.content === 'slow') await new Promise((resolve) => setTimeout(resolve, slow));
      return false;
    });
    const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
    const started = performance.now();
    const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'slow' }] }).withResponse();
    const elapsed = performance.now() - started;
    const overhead = Number(response.headers.get('x-switchyard-overhead-ms'));
    expect(overhead).toBeGreaterThan(0);
    // The upstream's 150 ms are not in it.
    expect(overhead).toBeLessThan(elapsed - slow);
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'slow' }], stream: true }).withResponse();
    for await (const _chunk of stream.data);
    expect(Number(stream.response.headers.get('x-switchyard-overhead-ms'))).toBeLessThan(slow);
    for (const path of ['/v1/models', '/health/liveliness', '/nope']) {
      const answer = await fetch(`${host.gatewayUrl}${path}`, { headers: { authorization: 'Bearer sk-master' } });
      expect(answer.headers.get('x-switchyard-overhead-ms'), path).toMatch(/^\d+(\.\d+)?$/);
    }
    upstream.reset();
  });
});

describe('graceful shutdown', () => {
  it('readiness answers 503 while the server drains, a stream in flight finishes, and the drain is bounded', async () => {
    const upstream = await FakeUpstream.start();
    const proxy = createProxyServer({ config: modelsConfig([modelEntry(upstream.url, 'endless', 'openai/endless-stream'), modelEntry(upstream.url, 'gpt-4o-mini', 'openai/gpt-4o-mini')]), logger: silentLogger });
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    const url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    try {
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-master', maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: 'endless', messages: [{ role: 'user', content: 'x' }], stream: true });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      const started = performance.now();
      const closed = proxy.close(300);
      expect(proxy.gateway.gateway.readiness.draining).toBe(true);
      // The stream keeps flowing during the grace period…
      expect((await iterator.next()).done).toBe(false);
      // …and is cut when it ends: close() resolves within the bound, not never.
      await closed;
      expect(performance.now() - started).toBeLessThan(2000);
      await expect(
        (async () => {
          for (;;) if ((await iterator.next()).done) return 'ended';
        })(),
      ).rejects.toThrow();
    } finally {
      await upstream.close();
    }
  });
});

describe('readiness while capability sources load', () => {
  it('is 503 until a URL capability source has loaded, then 200', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const source = createServer(async (_request, response) => {
      await gate;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ models: { 'house-model': { provider: 'openai', mode: 'chat', pricing: { input: 1e-6, output: 0 } } } }));
    });
    source.listen(0, '127.0.0.1');
    await once(source, 'listening');
    const upstream = await FakeUpstream.start();
    const host = await ALL_HOSTS[0]![1]({
      config: modelsConfig([modelEntry(upstream.url, 'house', 'openai/house-model')], {
        capabilities: { sources: ['builtin', `http://127.0.0.1:${(source.address() as AddressInfo).port}/models.json`] },
      }),
    });
    try {
      const loading = await fetch(`${host.gatewayUrl}/health/readiness`);
      expect(loading.status).toBe(503);
      expect(((await loading.json()) as Readiness).checks.capabilities).toEqual({ status: 'down', detail: 'capability sources are still loading' });
      // Liveness answers meanwhile.
      expect((await fetch(`${host.gatewayUrl}/health/liveliness`)).status).toBe(200);
      release();
      await expect.poll(async () => (await fetch(`${host.gatewayUrl}/health/readiness`)).status).toBe(200);
    } finally {
      release();
      await host.close();
      await upstream.close();
      source.closeAllConnections();
      source.close();
    }
  });
});
