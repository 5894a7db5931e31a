// Issue 8 item 6: wildcard deployments with LiteLLM's semantics, over real sockets. The concrete
// model a request names is what routing, validation and pricing use.
import { createGateway, silentLogger, type GatewayConfig } from '@switchyard/core';
import { openai } from '@switchyard/provider-openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';

const HI = [{ role: 'user' as const, content: 'Hi' }];
// 12 prompt + 3 completion tokens (the fake's usage) at gpt-4o-mini's shipped rates 1.5e-7 / 6e-7.
const GPT_4O_MINI_COST = '0.0000036';

function config(apiBase: string): GatewayConfig {
  const params = (model: string) => ({ model, api_base: apiBase, api_key: 'sk-upstream' });
  return {
    model_list: [
      { model_name: 'gpt-4o', litellm_params: params('openai/gpt-4o-2024-05-13') },
      { model_name: 'openai/*', litellm_params: params('openai/*') },
      { model_name: 'claude-*', litellm_params: params('openai_like/claude-*') },
      { model_name: '*', litellm_params: params('openai/*') },
    ],
  };
}

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

describe.each(ALL_HOSTS)('wildcard deployments (%s)', (_name, startHost) => {
  let host: Host;
  let client: OpenAI;
  beforeAll(async () => {
    host = await startHost({ config: config(upstream.url) });
    client = new OpenAI({ apiKey: 'unused', baseURL: `${host.gatewayUrl}/v1`, maxRetries: 0 });
  });
  afterAll(() => host.close());

  it('routes any name through `*`, sends it upstream as asked and prices it as that model', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from upstream');
    expect(upstream.requests[0]?.body.model).toBe('gpt-4o-mini');
    expect(response.headers.get('x-switchyard-response-cost')).toBe(GPT_4O_MINI_COST);
  });

  it('validates with the concrete model: gpt-4o-mini refuses reasoning_effort, gpt-5.5 takes it', async () => {
    const refused = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: HI, reasoning_effort: 'low' }),
    });
    expect(refused.status).toBe(400);
    expect((await readJson(refused)).error).toMatchObject({ code: 'unsupported_parameter', param: 'reasoning_effort' });
    expect(upstream.requests).toHaveLength(0);

    await client.chat.completions.create({ model: 'openai/gpt-5.5', messages: HI, reasoning_effort: 'low' });
    expect(upstream.requests[0]?.body).toMatchObject({ model: 'gpt-5.5', reasoning_effort: 'low' });
  });

  it('lets `openai/*` win over `*` for openai/<x>, and strips the prefix upstream', async () => {
    await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: HI });
    expect(upstream.requests[0]?.body.model).toBe('gpt-4o-mini');
  });

  it('fills a `claude-*` pattern into its deployment model', async () => {
    await client.chat.completions.create({ model: 'claude-3-5-haiku', messages: HI });
    expect(upstream.requests[0]?.body.model).toBe('claude-3-5-haiku');
  });

  it('keeps an exact model_name ahead of every wildcard', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages: HI });
    expect(upstream.requests[0]?.body.model).toBe('gpt-4o-2024-05-13');
  });

  it('lists what the wildcards can serve in /v1/models, never a model named `*`', async () => {
    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).not.toContain('*');
    expect(ids).not.toContain('openai/*');
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o', 'openai/gpt-5.5', 'openai/gpt-4o-mini', 'gpt-5.5', 'text-embedding-3-small']));
    expect(ids.filter((id) => id === 'gpt-4o')).toHaveLength(1);
    expect((await client.models.retrieve('openai/some-future-model')).id).toBe('openai/some-future-model');
  });
});

describe('wildcard targets in the snapshot', () => {
  it('compiles a concrete model once per snapshot, not per request', async () => {
    const gateway = createGateway({ config: config(upstream.url), logger: silentLogger, providers: [openai({ env: {} })] });
    const request = (model: string) =>
      gateway.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: { model, messages: HI }, signal: new AbortController().signal });
    await request('gpt-4o-mini');
    const first = gateway.snapshot().lookup('gpt-4o-mini');
    await request('gpt-4o-mini');
    expect(gateway.snapshot().lookup('gpt-4o-mini')).toBe(first);
    expect(gateway.snapshot().wildcards.compiled).toBe(1);
    expect(first?.[0]?.capabilityName).toBe('gpt-4o-mini');
    expect(first?.[0]?.deployment).toMatchObject({ modelName: 'gpt-4o-mini', upstreamModel: 'gpt-4o-mini', provider: 'openai' });
    await gateway.close();
  });

  it('answers model_not_found for a name no wildcard matches', async () => {
    const gateway = createGateway({
      config: { model_list: [{ model_name: 'claude-*', litellm_params: { model: 'openai_like/claude-*', api_base: upstream.url } }] },
      logger: silentLogger,
      providers: [openai({ env: {} })],
    });
    const response = await gateway.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: {},
      body: { model: 'gpt-4o', messages: HI },
      signal: new AbortController().signal,
    });
    expect(response).toMatchObject({ kind: 'json', status: 404, body: { error: { code: 'model_not_found' } } });
    await gateway.close();
  });
});
