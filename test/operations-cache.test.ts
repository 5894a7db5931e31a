import { randomUUID } from 'node:crypto';
import type { CostEvent } from '@switchyard/core';
import { redisResponseCache } from '@switchyard/store-redis';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { modelEntry, modelsConfig, postJson } from './support/model-config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, startStandaloneHost, type Host, type StartHost } from './support/hosts.js';
import { redisUrl, requireService } from './support/services.js';

const MASTER_KEY = 'sk-master';
const chatCalls = (upstream: FakeUpstream) => upstream.requests.filter((request) => request.path === '/v1/chat/completions').length;

function cachedConfig(apiBase: string, cacheParams: Record<string, unknown> = { type: 'local' }) {
  return modelsConfig([modelEntry(apiBase, 'gpt-4o-mini', 'openai/gpt-4o-mini'), modelEntry(apiBase, 'embed', 'openai/text-embedding-3-small', {}, { mode: 'embedding' })], {
    litellm_settings: { cache: true, cache_params: cacheParams },
    router_settings: { model_group_alias: { mini: 'gpt-4o-mini' } },
  });
}

describe.each(ALL_HOSTS)('the response cache through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;
  const events: CostEvent[] = [];
  // Each test asks something of its own, so entries from another test never answer it.
  const question = () => [{ role: 'user' as const, content: `cache test ${randomUUID()}` }];

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({ config: cachedConfig(upstream.url), onCost: (event) => void events.push(event) });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER_KEY, maxRetries: 0 });
  });
  afterEach(() => {
    upstream.reset();
    events.length = 0;
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  it('answers the same request from the cache: miss, then hit at cost 0 without calling the upstream', async () => {
    const messages = question();
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
    expect(first.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(Number(first.response.headers.get('x-switchyard-response-cost'))).toBeGreaterThan(0);
    // Keys in another order and an alias of the same group: the same normalised request.
    const second = await client.chat.completions.create({ messages, model: 'mini', user: 'someone-else' }).withResponse();
    expect(second.response.headers.get('x-switchyard-cache')).toBe('hit');
    expect(second.response.headers.get('x-switchyard-response-cost')).toBe('0');
    expect(second.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    expect(chatCalls(upstream)).toBe(1);
    await expect.poll(() => events.length).toBe(2);
    expect(events.map((event) => [event.cache, event.cost === '0'])).toEqual([['miss', false], ['hit', true]]);
    expect(events[1]?.attempts).toEqual([]);
  });

  it('replays a cached stream as a stream', async () => {
    const messages = question();
    const read = async () => {
      const { data: stream, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }).withResponse();
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return { text, cache: response.headers.get('x-switchyard-cache') };
    };
    expect(await read()).toEqual({ text: 'Hello from upstream', cache: 'miss' });
    expect(await read()).toEqual({ text: 'Hello from upstream', cache: 'hit' });
    expect(chatCalls(upstream)).toBe(1);
    // A JSON request for the same messages is not answered by the stored stream.
    const json = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
    expect(json.response.headers.get('x-switchyard-cache')).toBe('miss');
  });

  it('caches embeddings too, and never sends the cache controls upstream', async () => {
    const input = `embed ${randomUUID()}`;
    await client.embeddings.create({ model: 'embed', input });
    const again = await client.embeddings.create({ model: 'embed', input }).withResponse();
    expect(again.response.headers.get('x-switchyard-cache')).toBe('hit');
    const messages = question();
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, cache: { ttl: 60 } }));
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.body).not.toHaveProperty('cache');
  });

  it('no-store: answers without keeping it; no-cache: goes upstream though an entry exists', async () => {
    const messages = question();
    const noStore = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, cache: { 'no-store': true } }));
    expect(noStore.headers.get('x-switchyard-cache')).toBe('miss');
    const afterNoStore = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
    expect(afterNoStore.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(chatCalls(upstream)).toBe(2);
    const noCache = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, cache: { 'no-cache': true } }));
    expect(noCache.headers.get('x-switchyard-cache')).toBe('miss');
    expect(chatCalls(upstream)).toBe(3);
    // The Cache-Control request header works the same way.
    const header = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages }, { 'cache-control': 'no-cache' }));
    expect(header.headers.get('x-switchyard-cache')).toBe('miss');
    expect(chatCalls(upstream)).toBe(4);
    const hit = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse();
    expect(hit.response.headers.get('x-switchyard-cache')).toBe('hit');
  });

  it('expires an entry after its ttl, and s-maxage refuses one older than asked', async () => {
    const messages = question();
    await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, cache: { ttl: 1 } }));
    const fresh = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages }));
    expect(fresh.headers.get('x-switchyard-cache')).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages }));
    expect(expired.headers.get('x-switchyard-cache')).toBe('miss');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const tooOld = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, cache: { 's-maxage': 0 } }));
    expect(tooOld.headers.get('x-switchyard-cache')).toBe('miss');
  });

  it('refuses malformed controls with an OpenAI-style 400 and keeps serving', async () => {
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages: question(), cache: { ttl: 'soon' } }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_value', param: 'cache' });
    expect((await client.chat.completions.create({ model: 'gpt-4o-mini', messages: question() })).choices).toHaveLength(1);
  });
});

describe('cache modes', () => {
  it('mode default_off: only a request that asks uses the cache', async () => {
    const upstream = await FakeUpstream.start();
    const host = await startStandaloneHost({ config: cachedConfig(upstream.url, { type: 'local', mode: 'default_off' }) });
    try {
      const messages = [{ role: 'user', content: 'default off' }];
      const plain = async () => (await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages }))).headers.get('x-switchyard-cache');
      const asking = async () =>
        (await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, cache: { 'use-cache': true } }))).headers.get('x-switchyard-cache');
      expect(await plain()).toBeNull();
      expect(await plain()).toBeNull();
      expect(await asking()).toBe('miss');
      expect(await asking()).toBe('hit');
    } finally {
      await host.close();
      await upstream.close();
    }
  });
});

const redis = await requireService('redis', 'the Redis response cache');

describe.skipIf(!redis.available)('the Redis response cache across two instances', () => {
  const prefix = `switchyard-test-cache-${randomUUID()}:`;
  let upstream: FakeUpstream;
  let admin: Redis;
  const hosts: Host[] = [];

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    admin = new Redis(redisUrl);
    for (const start of [ALL_HOSTS[1]![1], ALL_HOSTS[2]![1]]) {
      hosts.push(await start({ config: cachedConfig(upstream.url, { type: 'redis' }), cacheStores: { redis: () => redisResponseCache({ url: redisUrl, keyPrefix: prefix }) } }));
    }
    // Until its connection is up the store fails fast (requests are misses); readiness says when it is.
    for (const host of hosts) {
      for (let tries = 0; tries < 100; tries++) {
        const body = (await (await fetch(`${host.gatewayUrl}/health/readiness`)).json()) as { checks: Record<string, { status: string }> };
        if (body.checks.cache?.status === 'ok') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    await upstream.close();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
  });

  it('an answer one instance stored is a hit on the other (JSON and stream), and expires by its ttl', async () => {
    const [express, koa] = hosts as [Host, Host];
    const messages = [{ role: 'user', content: `shared ${randomUUID()}` }];
    const ask = async (host: Host, body: Record<string, unknown> = {}) => {
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages, ...body }));
      expect(response.status).toBe(200);
      await response.text();
      return response.headers.get('x-switchyard-cache');
    };
    expect(await ask(express, { cache: { ttl: 2 } })).toBe('miss');
    await expect.poll(async () => (await admin.keys(`${prefix}*`)).length).toBeGreaterThan(0);
    expect(await ask(koa)).toBe('hit');
    expect(await ask(koa, { stream: true })).toBe('miss');
    await expect.poll(async () => ask(express, { stream: true })).toBe('hit');
    expect(chatCalls(upstream)).toBe(2);
    const ttl = await admin.ttl((await admin.keys(`${prefix}*`))[0]!);
    expect(ttl).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await ask(koa)).toBe('miss');
  });

  it('a Redis that does not answer makes requests misses, served upstream, and readiness says degraded', async () => {
    const dead = await startStandaloneHost({
      config: cachedConfig(upstream.url, { type: 'redis' }),
      cacheStores: { redis: () => redisResponseCache({ url: 'redis://127.0.0.1:1', keyPrefix: prefix }) },
    });
    try {
      const messages = [{ role: 'user', content: `dead redis ${randomUUID()}` }];
      for (let round = 0; round < 2; round++) {
        const response = await fetch(`${dead.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o-mini', messages }));
        expect(response.status).toBe(200);
        expect(response.headers.get('x-switchyard-cache')).toBe('miss');
      }
      const readiness = await fetch(`${dead.gatewayUrl}/health/readiness`);
      expect(readiness.status).toBe(200);
      expect(((await readiness.json()) as { checks: Record<string, { status: string }> }).checks.cache?.status).toBe('degraded');
    } finally {
      await dead.close();
    }
  });
});
