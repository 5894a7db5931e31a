// Issue 10: the router over real sockets. Several fake upstreams (one per deployment) fail on
// command; the openai SDK is the client; every behaviour runs through the standalone proxy and
// both mounts. Picks use a seeded or scripted random source (GatewayOptions.random).
import type { GatewayConfig } from '@switchyard/core';
import OpenAI from 'openai';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { CostRecorder } from './support/cost-events.js';
import { FakeUpstream, errorBody, sendJson, type RecordedRequest } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host, type HostOptions } from './support/hosts.js';
import { modelEntry, modelsConfig, postJson } from './support/model-config.js';
import { seededRandom } from './support/seeded-random.js';

const HI = [{ role: 'user' as const, content: 'Hi' }];

let upstreams: FakeUpstream[];
let a: FakeUpstream;
let b: FakeUpstream;
let c: FakeUpstream;
beforeAll(async () => {
  upstreams = await Promise.all([FakeUpstream.start(), FakeUpstream.start(), FakeUpstream.start()]);
  [a, b, c] = upstreams as [FakeUpstream, FakeUpstream, FakeUpstream];
});
afterAll(() => Promise.all(upstreams.map((upstream) => upstream.close())));
beforeEach(() => upstreams.forEach((upstream) => upstream.reset()));

/** Makes an upstream fail every request with `status` (and headers), or as `kind` says. */
function fail(upstream: FakeUpstream, status: number, code: string | null = 'server_error', headers: Record<string, string> = {}): void {
  upstream.handle((_request, response) => {
    sendJson(response, status, errorBody(`failure ${status}`, code, status === 429 ? 'requests' : 'server_error'), headers);
    return true;
  });
}

/** A chat stream that sends two chunks, then the socket is cut. */
function cutMidStream(upstream: FakeUpstream): void {
  upstream.handle((request: RecordedRequest, response: ServerResponse) => {
    if (!request.body?.stream) return false;
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: request.body.model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    response.write(chunk('partial '));
    response.write(chunk('answer'));
    setTimeout(() => response.socket?.destroy(), 30);
    return true;
  });
}

function hang(upstream: FakeUpstream): void {
  upstream.handle(() => true);
}

const ids = (upstream: FakeUpstream) => upstream.requests.length;

describe.each(ALL_HOSTS)('router (%s)', (_name, startHost) => {
  let host: Host | undefined;
  let client: OpenAI;
  let costs: CostRecorder;
  const start = async (config: GatewayConfig, options: Partial<HostOptions> = {}) => {
    costs = new CostRecorder();
    host = await startHost({ config, onCost: costs.listener, ...options });
    client = new OpenAI({ apiKey: 'sk-master', baseURL: `${host.gatewayUrl}/v1`, maxRetries: 0 });
    return host;
  };
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  const group = (name = 'gpt-4o', params: Record<string, unknown>[] = [{}, {}]) =>
    params.map((extra, index) => modelEntry(upstreams[index]!.url, name, 'openai/gpt-4o', extra, { id: `${name}-${'abc'[index]}` }));

  it('simple-shuffle spreads picks by weight (fixed seed), every pick a real call', async () => {
    await start(modelsConfig(group('gpt-4o', [{ weight: 3 }, { weight: 1 }])), { random: seededRandom(7) });
    for (let index = 0; index < 40; index++) await client.chat.completions.create({ model: 'gpt-4o', messages: HI });
    expect(ids(a) + ids(b)).toBe(40);
    expect(ids(a)).toBeGreaterThan(2 * ids(b));
    expect(ids(b)).toBeGreaterThan(0);
  });

  it('retries a 500 on another deployment: headers and the cost event name both attempts', async () => {
    fail(a, 500);
    await start(modelsConfig(group(), { router_settings: { num_retries: 1 } }), { random: () => 0 });
    const { data, response } = await client.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from upstream');
    expect([ids(a), ids(b)]).toEqual([1, 1]);
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect(response.headers.get('x-switchyard-deployment')).toBe('gpt-4o-b');
    expect(response.headers.get('x-switchyard-model-group')).toBe('gpt-4o');
    expect(response.headers.get('x-switchyard-fallback')).toBe('false');
    const event = await costs.eventFor(response.headers.get('x-request-id'));
    expect(event.deployment).toBe('gpt-4o-b');
    expect(event.attempts.map((attempt) => [attempt.deployment, attempt.status, attempt.errorCode])).toEqual([
      ['gpt-4o-a', 500, 'server_error'],
      ['gpt-4o-b', 200, null],
    ]);
  });

  it("litellm_params.num_retries: a deployment's own count replaces the router's after it failed", async () => {
    fail(a, 500);
    fail(b, 500);
    // a allows 2 retries, b none; the router says 5. a fails first (random 0), then b, then b is retried no more.
    await start(modelsConfig(group('gpt-4o', [{ num_retries: 2 }, { num_retries: 0 }]), { router_settings: { num_retries: 5, disable_cooldowns: true } }), { random: () => 0 });
    const error = await client.chat.completions.create({ model: 'gpt-4o', messages: HI }).catch((caught: unknown) => caught);
    expect((error as { status?: number }).status).toBe(500);
    expect([ids(a), ids(b)]).toEqual([1, 1]);
    fail(c, 500);
    await host?.close();
    // Without a count of its own, a deployment takes the router's.
    await start(modelsConfig([modelEntry(c.url, 'solo', 'openai/gpt-4o', { num_retries: 2 })], { router_settings: { num_retries: 0, retry_after: 0 } }));
    const again = await client.chat.completions.create({ model: 'solo', messages: HI }).catch((caught: unknown) => caught);
    expect((again as { status?: number }).status).toBe(500);
    expect(ids(c)).toBe(3);
  });

  it('without num_retries a 500 goes to the client as the upstream sent it', async () => {
    fail(a, 500);
    await start(modelsConfig(group()), { random: () => 0 });
    const response = await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI }));
    expect(response.status).toBe(500);
    expect((await readJson(response)).error.code).toBe('server_error');
    expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    expect(ids(b)).toBe(0);
  });

  it('a 429 cools its deployment at once; /health/deployments shows it; all cooling → 429 naming the group', async () => {
    fail(a, 429, 'rate_limit_exceeded', { 'retry-after': '30' });
    await start(modelsConfig(group(), { router_settings: { cooldown_time: 60 } }), { random: () => 0 });
    const first = await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI }));
    expect(first.status).toBe(429);
    // a is cooling: every pick is b now, whatever the random source says.
    for (let index = 0; index < 3; index++) await client.chat.completions.create({ model: 'gpt-4o', messages: HI });
    expect([ids(a), ids(b)]).toEqual([1, 3]);

    const health = await fetch(`${host!.gatewayUrl}/health/deployments`, { headers: { authorization: 'Bearer sk-master' } });
    const states = Object.fromEntries((await readJson(health)).deployments.map((d: any) => [d.id, d]));
    expect(states['gpt-4o-a']).toMatchObject({ state: 'cooling_down', cooldown_reason: 'upstream answered 429' });
    expect(Date.parse(states['gpt-4o-a'].cooldown_until)).toBeGreaterThan(Date.now());
    expect(states['gpt-4o-b']).toMatchObject({ state: 'healthy', in_flight: 0, requests_this_minute: 3, failures_this_minute: 0 });
    expect(JSON.stringify(states)).not.toContain('sk-upstream');
    expect((await fetch(`${host!.gatewayUrl}/health/deployments`)).status).toBe(401);

    fail(b, 429, 'rate_limit_exceeded');
    await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI }));
    const cooling = await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI }));
    expect(cooling.status).toBe(429);
    expect(Number(cooling.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await readJson(cooling);
    expect(body.error).toMatchObject({ code: 'model_group_cooling_down', type: 'rate_limit_error' });
    expect(body.error.message).toContain('"gpt-4o"');
    expect([ids(a), ids(b)]).toEqual([1, 4]);
  });

  it('disable_cooldowns: a 429 never takes a deployment out', async () => {
    fail(a, 429, 'rate_limit_exceeded');
    await start(modelsConfig(group(), { router_settings: { disable_cooldowns: true } }), { random: () => 0 });
    for (let index = 0; index < 3; index++) await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI }));
    expect([ids(a), ids(b)]).toEqual([3, 0]);
  });

  it('fallbacks: a failing group falls back to the next, validated and priced as its own deployment', async () => {
    fail(a, 500);
    const config = modelsConfig(
      [
        modelEntry(a.url, 'primary', 'openai/gpt-5.5', {}, { id: 'primary-a' }),
        modelEntry(b.url, 'backup', 'openai/gpt-4o-mini', {}, { id: 'backup-b' }),
      ],
      { router_settings: { fallbacks: [{ primary: ['backup'] }] }, litellm_settings: { drop_params: true } },
    );
    await start(config);
    // gpt-5.5 takes reasoning_effort; gpt-4o-mini does not: dropped on the fallback hop only.
    const { data, response } = await client.chat.completions.create({ model: 'primary', messages: HI, reasoning_effort: 'low' }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from upstream');
    expect(a.requests[0]?.body.reasoning_effort).toBe('low');
    expect(b.requests[0]?.body).not.toHaveProperty('reasoning_effort');
    expect(response.headers.get('x-switchyard-dropped-params')).toBe('reasoning_effort');
    expect(response.headers.get('x-switchyard-fallback')).toBe('true');
    expect(response.headers.get('x-switchyard-model-group')).toBe('backup');
    const event = await costs.eventFor(response.headers.get('x-request-id'));
    expect(event.deployment).toBe('backup-b');
    expect(event.attempts.map((attempt) => [attempt.modelGroup, attempt.fallback])).toEqual([['primary', false], ['backup', true]]);
  });

  it('a chat request falling back to a Responses-only model is bridged on that hop', async () => {
    fail(a, 503);
    const config = modelsConfig(
      [modelEntry(a.url, 'chat-model', 'openai/gpt-4o', {}, { id: 'chat-a' }), modelEntry(b.url, 'pro', 'openai/gpt-5.5-pro', {}, { id: 'pro-b' })],
      { router_settings: { fallbacks: [{ 'chat-model': ['pro'] }] } },
    );
    await start(config);
    const { data, response } = await client.chat.completions.create({ model: 'chat-model', messages: HI }).withResponse();
    expect(a.requests[0]?.path).toBe('/v1/chat/completions');
    expect(b.requests[0]?.path).toBe('/v1/responses');
    expect(data.choices[0]?.message.content).toBe('Hello from responses');
    expect(response.headers.get('x-switchyard-bridge')).toBe('chat-to-responses');
  });

  it('context_window_fallbacks on an upstream context_length_exceeded; content_policy_fallbacks on a policy refusal', async () => {
    a.handle((request, response) => {
      const code = request.body.messages[0].content === 'long' ? 'context_length_exceeded' : 'content_policy_violation';
      sendJson(response, 400, errorBody('refused', code, 'invalid_request_error'));
      return true;
    });
    const config = modelsConfig(
      [
        modelEntry(a.url, 'small', 'openai/gpt-4o', {}, { id: 'small-a' }),
        modelEntry(b.url, 'large', 'openai/gpt-4o', {}, { id: 'large-b' }),
        modelEntry(c.url, 'lenient', 'openai/gpt-4o', {}, { id: 'lenient-c' }),
      ],
      { router_settings: { context_window_fallbacks: [{ small: ['large'] }], content_policy_fallbacks: [{ small: ['lenient'] }] } },
    );
    await start(config);
    const long = await client.chat.completions.create({ model: 'small', messages: [{ role: 'user', content: 'long' }] }).withResponse();
    expect(long.response.headers.get('x-switchyard-model-group')).toBe('large');
    const policy = await client.chat.completions.create({ model: 'small', messages: [{ role: 'user', content: 'other' }] }).withResponse();
    expect(policy.response.headers.get('x-switchyard-model-group')).toBe('lenient');
    expect([ids(a), ids(b), ids(c)]).toEqual([2, 1, 1]);
  });

  it('a plain 400 from the upstream is the client’s: no retry, no fallback', async () => {
    fail(a, 400, 'invalid_value');
    await start(modelsConfig([modelEntry(a.url, 'solo', 'openai/gpt-4o'), modelEntry(b.url, 'other', 'openai/gpt-4o')], {
      router_settings: { num_retries: 3, fallbacks: [{ solo: ['other'] }] },
    }));
    const response = await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'solo', messages: HI }));
    expect(response.status).toBe(400);
    expect([ids(a), ids(b)]).toEqual([1, 0]);
  });

  it('per-request fallbacks in the body, never sent upstream; default_fallbacks otherwise', async () => {
    fail(a, 500);
    const config = modelsConfig(
      [modelEntry(a.url, 'down', 'openai/gpt-4o'), modelEntry(b.url, 'named', 'openai/gpt-4o'), modelEntry(c.url, 'default', 'openai/gpt-4o')],
      { router_settings: { default_fallbacks: ['default'] } },
    );
    await start(config);
    const named = await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'down', messages: HI, fallbacks: ['named'] }));
    expect(named.headers.get('x-switchyard-model-group')).toBe('named');
    expect(b.requests[0]?.body).not.toHaveProperty('fallbacks');
    const fallback = await client.chat.completions.create({ model: 'down', messages: HI }).withResponse();
    expect(fallback.response.headers.get('x-switchyard-model-group')).toBe('default');
  });

  it('a stream failing before its first byte is retried elsewhere; after it, never', async () => {
    // 200 and SSE headers, then the socket is cut before any event: nothing reached the client yet.
    a.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.flushHeaders();
      setTimeout(() => response.socket?.destroy(), 20);
      return true;
    });
    await start(modelsConfig(group(), { router_settings: { num_retries: 2 } }), { random: () => 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: HI, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from upstream');
    expect([ids(a), ids(b)]).toEqual([1, 1]);

    upstreams.forEach((upstream) => upstream.reset());
    cutMidStream(a);
    const cut = await client.chat.completions.create({ model: 'gpt-4o', messages: HI, stream: true });
    let partial = '';
    await expect(
      (async () => {
        for await (const chunk of cut) partial += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toThrow();
    // The client saw the first bytes once, then the stream's error event: no second answer.
    expect(partial).toBe('partial answer');
    expect([ids(a), ids(b)]).toEqual([1, 0]);
  });

  it('a client abort during the backoff stops retrying at once', async () => {
    fail(a, 500);
    await start(modelsConfig([modelEntry(a.url, 'solo', 'openai/gpt-4o')], { router_settings: { num_retries: 5, retry_after: 30 } }));
    const controller = new AbortController();
    const request = fetch(`${host!.gatewayUrl}/v1/chat/completions`, { ...postJson({ model: 'solo', messages: HI }), signal: controller.signal });
    await expect.poll(() => ids(a)).toBe(1);
    controller.abort();
    await expect(request).rejects.toThrow();
    await expect.poll(() => costs.events.length).toBe(1);
    expect(costs.events[0]).toMatchObject({ outcome: 'aborted' });
    expect(ids(a)).toBe(1);
  });

  it('a sub-second router timeout (its own timer: the deployment’s own timeout is 600 s) ends the hung attempt; the retry goes to a healthy deployment', async () => {
    hang(a);
    await start(modelsConfig(group(), { router_settings: { timeout: 0.2, num_retries: 1 } }), { random: () => 0 });
    const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse();
    const event = await costs.eventFor(response.headers.get('x-request-id'));
    expect(event.attempts.map((attempt) => [attempt.deployment, attempt.errorCode])).toEqual([
      ['gpt-4o-a', 'upstream_timeout'],
      ['gpt-4o-b', null],
    ]);
  });

  it('order tiers: order 1 serves while healthy, order 2 when it is not', async () => {
    await start(modelsConfig(group('gpt-4o', [{ order: 2 }, { order: 1 }]), { router_settings: { num_retries: 1 } }), { random: seededRandom(3) });
    for (let index = 0; index < 5; index++) await client.chat.completions.create({ model: 'gpt-4o', messages: HI });
    expect([ids(a), ids(b)]).toEqual([0, 5]);
    fail(b, 500);
    await client.chat.completions.create({ model: 'gpt-4o', messages: HI });
    expect([ids(a), ids(b)]).toEqual([1, 6]);
  });

  it('tag routing: tagged requests go to tagged deployments, untagged ones to `default`', async () => {
    const config = modelsConfig(group('gpt-4o', [{ tags: ['default'] }, { tags: ['paid'] }]), { router_settings: { enable_tag_filtering: true } });
    await start(config, { random: seededRandom(11) });
    await client.chat.completions.create({ model: 'gpt-4o', messages: HI });
    await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI, tags: ['paid'] }));
    await client.chat.completions.create({ model: 'gpt-4o', messages: HI, metadata: { tags: 'x' } as never }).catch(() => undefined);
    expect([ids(a), ids(b)]).toEqual([2, 1]);
    expect(b.requests[0]?.body).not.toHaveProperty('tags');
    const none = await fetch(`${host!.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI, tags: ['enterprise'] }));
    expect(none.status).toBe(400);
    expect((await readJson(none)).error.code).toBe('no_deployment_for_tags');
  });

  it('model_group_alias in both forms resolves to the group', async () => {
    const config = modelsConfig([modelEntry(a.url, 'gpt-4o', 'openai/gpt-4o')], {
      router_settings: { model_group_alias: { 'gpt-4': 'gpt-4o', 'gpt-4-hidden': { model: 'gpt-4o', hidden: true } } },
    });
    await start(config);
    for (const model of ['gpt-4', 'gpt-4-hidden']) {
      const { response } = await client.chat.completions.create({ model, messages: HI }).withResponse();
      expect(response.headers.get('x-switchyard-model-group')).toBe('gpt-4o');
    }
    expect(a.requests.map((request) => request.body.model)).toEqual(['gpt-4o', 'gpt-4o']);
    // /models lists the visible alias, never the hidden one; retrieving follows the same rule.
    const listed = (await client.models.list()).data.map((model) => model.id);
    expect(listed).toEqual(['gpt-4o', 'gpt-4']);
    expect((await client.models.retrieve('gpt-4')).id).toBe('gpt-4');
    const hidden = await client.models.retrieve('gpt-4-hidden').catch((caught: unknown) => caught);
    expect((hidden as { status?: number }).status).toBe(404);
  });

  it('a wildcard group takes part like any other: retried on its other deployment', async () => {
    fail(a, 500);
    const config = modelsConfig([modelEntry(a.url, 'openai/*', 'openai/*', {}, { id: 'wild-a' }), modelEntry(b.url, 'openai/*', 'openai/*', {}, { id: 'wild-b' })], {
      router_settings: { num_retries: 1 },
    });
    await start(config, { random: () => 0 });
    const { response } = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: HI }).withResponse();
    expect(response.headers.get('x-switchyard-deployment')).toBe('wild-b[openai/gpt-4o-mini]');
    expect(b.requests[0]?.body.model).toBe('gpt-4o-mini');
    const health = await fetch(`${host!.gatewayUrl}/health/deployments`, { headers: { authorization: 'Bearer sk-master' } });
    const listed = (await readJson(health)).deployments.map((d: any) => [d.id, d.model_name, d.failures_this_minute]);
    expect(listed).toEqual([['wild-a', 'openai/*', 1], ['wild-b', 'openai/*', 0]]);
  });
});

