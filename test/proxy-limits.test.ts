// Proxy-wide limits from a LiteLLM config, through the standalone proxy and both mounts:
// litellm_settings.max_budget / budget_duration (every request counts, the master key's too,
// reserved before the upstream call like a key budget, so it cannot overshoot; its starting
// point after a restart read from the store), general_settings.global_max_parallel_requests,
// and what operations see of the key system (readiness checks, the outbox's queue depth).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayConfig } from '@switchyard/core';
import { chatCompletion, FakeUpstream, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, startStandaloneHost, type Host, type StartHost } from './support/hosts.js';
import { postChat, type ApiAnswer, keysApi, tempFolder } from './support/keys-api.js';
import { modelEntry, modelsConfig } from './support/model-config.js';
import { manualClock } from './support/counter-store-contract.js';

/** 1 µUSD per token in and out; the fake upstream answers with exactly the reserved tokens. */
const PRICE = { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 };
const MAX_TOKENS = 10;
const BODY = JSON.stringify({ model: 'metered', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: 'How much is this?' }] });
const BODY_BYTES = Buffer.byteLength(BODY);
/** What each request reserves and, answered in full, costs. */
const COST = (BODY_BYTES + MAX_TOKENS) * 1e-6;
const usd = (value: number) => Number(value.toFixed(12));
const START = Date.UTC(2026, 11, 2, 10, 0, 0);

type Answer = ApiAnswer;
const send = (host: Host, key: string, body: string = BODY): Promise<Answer> => postChat(host.gatewayUrl, key, body);

function meteredUpstream(upstream: FakeUpstream, delayMs = 0): void {
  upstream.reset();
  upstream.handle((request, response) => {
    const completion = chatCompletion(request.body.model);
    completion.usage = { ...completion.usage, prompt_tokens: BODY_BYTES, completion_tokens: MAX_TOKENS, total_tokens: BODY_BYTES + MAX_TOKENS };
    setTimeout(() => sendJson(response, 200, completion), delayMs);
    return true;
  });
}

function config(databaseUrl: string, upstreamUrl: string, extra: { litellm?: Record<string, unknown>; general?: Record<string, unknown> }): GatewayConfig {
  return modelsConfig([modelEntry(upstreamUrl, 'metered', 'openai/metered', PRICE)], {
    general_settings: { master_key: 'sk-master', database_url: databaseUrl, ...extra.general },
    litellm_settings: { ...extra.litellm },
  });
}

describe.each(ALL_HOSTS)('proxy-wide limits (%s)', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  const hosts: Host[] = [];
  const folders: ReturnType<typeof tempFolder>[] = [];
  const start = async (extra: Parameters<typeof config>[2], options: { clock?: () => number; folder?: ReturnType<typeof tempFolder> } = {}) => {
    const folder = options.folder ?? tempFolder('proxy-limits');
    if (options.folder === undefined) folders.push(folder);
    const host = await startHost({ config: config(folder.url, upstream.url, extra), ...(options.clock === undefined ? {} : { clock: options.clock }) });
    hosts.push(host);
    return { host, folder };
  };

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
  });
  afterAll(async () => {
    await upstream?.close();
    for (const folder of folders) folder.remove();
  });

  it('litellm_settings.max_budget holds for every caller together: 64 concurrent requests from the master key and two virtual keys admit exactly what fits', async () => {
    meteredUpstream(upstream, 100);
    const { host } = await start({ litellm: { max_budget: usd(COST * 12) } });
    const api = keysApi(host.gatewayUrl);
    const callers = ['sk-master', await api.generate({}), await api.generate({})];
    const answers = await Promise.all(Array.from({ length: 64 }, (_, index) => send(host, callers[index % callers.length]!)));
    const admitted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(admitted).toHaveLength(12);
    expect(upstream.requests).toHaveLength(12);
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(answer.body.error).toMatchObject({ code: 'budget_exceeded', type: 'budget_exceeded' });
      expect(answer.body.error.message).toContain('proxy as a whole (litellm_settings.max_budget)');
    }
    const spent = admitted.reduce((sum, answer) => sum + Number(answer.headers.get('x-switchyard-response-cost')), 0);
    expect(spent).toBeLessThanOrEqual(COST * 12 + 1e-12);
  });

  it('after a restart the proxy budget starts from what the database logged, not from zero', async () => {
    meteredUpstream(upstream);
    const first = await start({ litellm: { max_budget: usd(COST * 3) } });
    for (let index = 0; index < 2; index++) expect((await send(first.host, 'sk-master')).status).toBe(200);
    await first.host.close();
    hosts.splice(hosts.indexOf(first.host), 1);
    const second = await start({ litellm: { max_budget: usd(COST * 3) } }, { folder: first.folder });
    expect((await send(second.host, 'sk-master')).status).toBe(200);
    const refused = await send(second.host, 'sk-master');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('budget_exceeded');
  });

  it('budget_duration: 1d starts the proxy budget again at the next UTC midnight (injected clock), with retry-after until then', async () => {
    meteredUpstream(upstream);
    const clock = manualClock(START);
    const { host } = await start({ litellm: { max_budget: usd(COST * 1.5), budget_duration: '1d' } }, { clock });
    expect((await send(host, 'sk-master')).status).toBe(200);
    const refused = await send(host, 'sk-master');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(14 * 3600));
    clock.set(Date.UTC(2026, 11, 3, 0, 0, 1));
    expect((await send(host, 'sk-master')).status).toBe(200);
  });

  it('general_settings.global_max_parallel_requests: the third request while two are in flight gets 429 with retry-after, whoever sends it', async () => {
    meteredUpstream(upstream, 300);
    const { host } = await start({ general: { global_max_parallel_requests: 2 } });
    const key = await keysApi(host.gatewayUrl).generate({});
    const inFlight = [send(host, 'sk-master'), send(host, key)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const third = await send(host, key);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limit_exceeded');
    expect(third.body.error.message).toContain('general_settings.global_max_parallel_requests');
    expect(third.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(inFlight)).map((answer) => answer.status)).toEqual([200, 200]);
    // The slots are given back: the next one fits again.
    expect((await send(host, 'sk-master')).status).toBe(200);
  });

  it('readiness names the database; after spend is delivered the outbox queue depth is 0 on /metrics', async () => {
    meteredUpstream(upstream);
    const { host } = await start({ litellm: { max_budget: 100, callbacks: ['prometheus'] } });
    expect((await send(host, 'sk-master')).status).toBe(200);
    const readiness = await fetch(`${host.gatewayUrl}/health/readiness`);
    const ready = (await readiness.json()) as { checks?: Record<string, { status: string; detail?: string }> };
    expect(readiness.status).toBe(200);
    expect(ready.checks?.database?.status).toBe('ok');
    expect(ready.checks?.database?.detail).toContain('sqlite');
    const deadline = Date.now() + 5_000;
    let depth = '';
    while (Date.now() < deadline) {
      const metrics = await (await fetch(`${host.gatewayUrl}/metrics`, { headers: { authorization: 'Bearer sk-master' } })).text();
      depth = /^switchyard_queue_depth\{queue="spend_outbox"\} (\d+)/m.exec(metrics)?.[1] ?? '';
      if (depth === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(depth).toBe('0');
  });
});

describe('a config whose router_settings Redis cannot be reached', () => {
  it('keeps serving with limits counted in this instance, and readiness says degraded without a password', async () => {
    const upstream = await FakeUpstream.start();
    meteredUpstream(upstream);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const folder = tempFolder('proxy-limits-redis-down');
    const host = await startStandaloneHost({
      config: { ...config(folder.url, upstream.url, {}), router_settings: { redis_url: `redis://:hunter2-secret@127.0.0.1:${port}` } },
    });
    try {
      const key = await keysApi(host.gatewayUrl).generate({ rpm_limit: 1 });
      expect((await send(host, key)).status).toBe(200);
      const limited = await send(host, key);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limit_exceeded');
      const response = await fetch(`${host.gatewayUrl}/health/readiness`);
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).not.toContain('hunter2');
      expect(JSON.parse(text).checks.counters).toEqual({ status: 'degraded', detail: `redis 127.0.0.1:${port} unreachable: limits are counted per instance until it is back` });
    } finally {
      await host.close();
      await upstream.close();
      folder.remove();
    }
  });
});
