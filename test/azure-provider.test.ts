// Issue 12, Azure: the openai SDK through both mounts to Azure OpenAI (classic and v1 API) and
// AI Foundry deployments on a fake upstream that records path, query and auth header; Entra ID
// client credentials against a fake token endpoint; content-filter refusals; prices by
// base_model, by the reported model, or null, worked by hand from the shipped Azure data.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostRecorder } from './support/cost-events.js';
import { chatCompletion, FakeUpstream, responseObject, sendJson } from './support/fake-upstream.js';
import { FakeTokenEndpoint } from './support/fake-token-endpoint.js';
import { HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelsConfig, postJson } from './support/model-config.js';
import { sendChatChunks, sendResponsesEvents } from './support/upstream-streams.js';

const AZURE_KEY = 'azure-key-0123456789abcdef0123456789ab';
const AD_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.static-ad-token.signature';
const CLIENT_SECRET = 'client-secret-value~0123456789abcdef';
const COST_HEADER = 'x-switchyard-response-cost';
const HI = [{ role: 'user' as const, content: 'Hi' }];

/*
 * Rates used below, USD per token, as shipped in packages/providers/azure/src/azure-capabilities.json
 * (LiteLLM's map):
 * azure/gpt-4.1                 input 2e-6, cached 5e-7, output 8e-6
 * azure/gpt-4o-2024-11-20       input 2.75e-6, output 1.1e-5
 * azure/text-embedding-3-small  input 2e-8
 * azure_ai/Phi-4                input 1.25e-7, output 5e-7
 * The fake upstream's default chat usage: 12 prompt + 3 completion; embeddings 4 prompt.
 */

function usage(prompt: number, completion: number, cached = 0) {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: cached } };
}

function models(origin: string, authority: string) {
  const azure = (name: string, deployment: string, params: Record<string, unknown>, modelInfo?: Record<string, unknown>) => ({
    model_name: name,
    litellm_params: { model: `azure/${deployment}`, api_base: origin, ...params },
    ...(modelInfo === undefined ? {} : { model_info: modelInfo }),
  });
  return [
    azure('classic', 'prod-gpt41', { api_key: AZURE_KEY, api_version: '2024-10-21' }, { base_model: 'azure/gpt-4.1' }),
    azure('classic-responses', 'prod-gpt41', { api_key: AZURE_KEY, api_version: '2025-04-01-preview' }, { base_model: 'gpt-4.1' }),
    azure('v1', 'prod-chat', { azure_ad_token: AD_TOKEN, api_version: 'v1' }),
    azure('v1-base', 'prod-chat', { api_key: AZURE_KEY, api_base: `${origin}/openai/v1/` }),
    azure('entra', 'entra-deploy', { api_version: '2024-10-21', tenant_id: 'tenant-1', client_id: 'client-1', client_secret: CLIENT_SECRET, azure_authority_host: authority }, { base_model: 'azure/gpt-4.1' }),
    azure('entra-wrong', 'entra-deploy', { api_version: '2024-10-21', tenant_id: 'tenant-1', client_id: 'client-1', client_secret: 'wrong-secret-0123456789abcdef', azure_authority_host: authority }),
    azure('embed', 'embed-small', { api_key: AZURE_KEY, api_version: '2024-10-21' }, { base_model: 'azure/text-embedding-3-small', mode: 'embedding' }),
    // base_model Switchyard has no data for: no price, even though the upstream reports a known model.
    azure('unknown-base', 'prod-chat', { api_key: AZURE_KEY, api_version: 'v1' }, { base_model: 'azure/gpt-9-imaginary' }),
    { model_name: 'foundry', litellm_params: { model: 'azure_ai/Phi-4', api_base: `${origin}/models`, api_key: AZURE_KEY, api_version: '2024-05-01-preview' } },
    { model_name: 'foundry-embed', litellm_params: { model: 'azure_ai/embed-v-4-0', api_base: `${origin}/models`, api_key: AZURE_KEY, api_version: '2024-05-01-preview' } },
  ];
}

describe.each(HOSTS)('Azure through the %s host', (name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let tokens: FakeTokenEndpoint;
  let host: Host;
  let client: OpenAI;
  const recorder = new CostRecorder();
  const warnings: string[] = [];
  let count = 0;
  const nextId = () => `azure-${name}-${++count}`;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    tokens = await FakeTokenEndpoint.start(CLIENT_SECRET);
    const origin = upstream.url.replace(/\/v1$/, '');
    const logger = { debug() {}, info() {}, error() {}, warn: (_object: object, message?: string) => void warnings.push(message ?? '') };
    host = await startHost({ config: modelsConfig(models(origin, tokens.url)), onCost: recorder.listener, logger });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
    await tokens.close();
  });
  beforeEach(() => upstream.reset());

  /** Answers every Azure path like Azure: chat (JSON or SSE), Responses, embeddings; `reported` is the model the answer names. */
  const answerLikeAzure = (reported: string, chatUsage: object = usage(12, 3)) =>
    upstream.handle((request, response) => {
      const path = request.path.split('?')[0]!;
      if (path.endsWith('/chat/completions') && request.body.stream) {
        sendChatChunks(response, reported, [
          // Azure's first chunk: the prompt filter results, no choices.
          { model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] },
          { choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }] },
          { choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }] },
          { choices: [], usage: chatUsage },
        ]);
      } else if (path.endsWith('/chat/completions')) sendJson(response, 200, { ...chatCompletion(reported), usage: chatUsage });
      else if (path.endsWith('/responses')) sendJson(response, 200, responseObject(reported));
      else if (path.endsWith('/embeddings')) sendJson(response, 200, { object: 'list', model: reported, data: [{ object: 'embedding', index: 0, embedding: [0.5, -1.25, 2] }], usage: { prompt_tokens: 4, total_tokens: 4 } });
      else return false;
      return true;
    });

  const only = () => {
    expect(upstream.requests).toHaveLength(1);
    return upstream.requests[0]!;
  };

  it('classic API: the deployments path with ?api-version=, the api-key header, priced by model_info.base_model', async () => {
    answerLikeAzure('gpt-4.1-2025-04-14', usage(1000, 200, 400));
    const { data, response } = await client.chat.completions.create({ model: 'classic', messages: HI, max_tokens: 50 }).withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello from upstream');
    const request = only();
    expect(request.path).toBe('/openai/deployments/prod-gpt41/chat/completions?api-version=2024-10-21');
    expect(request.headers['api-key']).toBe(AZURE_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 50,
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "prod-gpt41",
      }
    `);
    // (1000 − 400) × 2e-6 + 400 × 5e-7 + 200 × 8e-6 = 0.0012 + 0.0002 + 0.0016
    expect(response.headers.get(COST_HEADER)).toBe('0.003');
  });

  it('classic API: Responses goes to /openai/responses with the deployment name as model', async () => {
    answerLikeAzure('gpt-4.1');
    const result = await client.responses.create({ model: 'classic-responses', input: 'Hi' });
    expect(result.output_text).toBe('Hello from responses');
    const request = only();
    expect(request.path).toBe('/openai/responses?api-version=2025-04-01-preview');
    expect(request.body).toMatchInlineSnapshot(`
      {
        "input": "Hi",
        "model": "prod-gpt41",
      }
    `);
  });

  it('v1 API chosen by api_version: v1, no api-version, the AD token as bearer; priced as the model Azure reports', async () => {
    answerLikeAzure('gpt-4o-2024-11-20');
    const id = nextId();
    const { response } = await client.chat.completions.create({ model: 'v1', messages: HI }, { headers: { 'x-request-id': id } }).withResponse();
    const request = only();
    expect(request.path).toBe('/openai/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${AD_TOKEN}`);
    expect(request.headers['api-key']).toBeUndefined();
    expect(request.body.model).toBe('prod-chat');
    // No base_model, deployment name unknown: priced as azure/gpt-4o-2024-11-20, 12 × 2.75e-6 + 3 × 1.1e-5.
    expect(response.headers.get(COST_HEADER)).toBe('0.000066');
    expect((await recorder.eventFor(id)).cost).toBe('0.000066');
    expect(warnings.some((warning) => warning.includes('priced as azure/gpt-4o-2024-11-20, the model its upstream reported'))).toBe(true);
  });

  it('v1 API chosen by an api_base ending in /openai/v1/', async () => {
    answerLikeAzure('gpt-4o-2024-11-20');
    await client.chat.completions.create({ model: 'v1-base', messages: HI });
    expect(only().path).toBe('/openai/v1/chat/completions');
  });

  it('a reported model without Azure data, or a base_model without data: cost null with a warning, never a borrowed price', async () => {
    answerLikeAzure('house-model-7');
    const id = nextId();
    const { response } = await client.chat.completions.create({ model: 'v1', messages: HI }, { headers: { 'x-request-id': id } }).withResponse();
    expect(response.headers.get(COST_HEADER)).toBeNull();
    expect((await recorder.eventFor(id)).cost).toBeNull();

    upstream.reset();
    // gpt-4o-2024-11-20 is priced in the data, but base_model says otherwise: no guess.
    answerLikeAzure('gpt-4o-2024-11-20');
    const second = nextId();
    const answer = await client.chat.completions.create({ model: 'unknown-base', messages: HI }, { headers: { 'x-request-id': second } }).withResponse();
    expect(answer.response.headers.get(COST_HEADER)).toBeNull();
    expect((await recorder.eventFor(second)).cost).toBeNull();
    expect(warnings.some((warning) => warning.includes('prod-chat') && warning.includes('has no price'))).toBe(true);
  });

  it('streams through the classic path, Azure filter chunk included, and prices the stream by base_model', async () => {
    answerLikeAzure('gpt-4.1', usage(1000, 200));
    const id = nextId();
    const stream = await client.chat.completions.create({ model: 'classic', messages: HI, stream: true }, { headers: { 'x-request-id': id } });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello');
    expect(only().path).toBe('/openai/deployments/prod-gpt41/chat/completions?api-version=2024-10-21');
    expect(only().body.stream_options).toEqual({ include_usage: true });
    // 1000 × 2e-6 + 200 × 8e-6 = 0.002 + 0.0016
    expect((await recorder.eventFor(id)).cost).toBe('0.0036');
  });

  it('embeddings: the deployment embeddings path, priced by base_model', async () => {
    answerLikeAzure('text-embedding-3-small');
    const { data, response } = await client.embeddings.create({ model: 'embed', input: 'hello', encoding_format: 'float' }).withResponse();
    expect(data.data[0]!.embedding).toEqual([0.5, -1.25, 2]);
    const request = only();
    expect(request.path).toBe('/openai/deployments/embed-small/embeddings?api-version=2024-10-21');
    expect(request.body).toMatchInlineSnapshot(`
      {
        "encoding_format": "float",
        "input": "hello",
        "model": "embed-small",
      }
    `);
    // 4 × 2e-8
    expect(response.headers.get(COST_HEADER)).toBe('0.00000008');
  });

  it('AI Foundry (azure_ai/): {api_base}/chat/completions with api-version, the model in the body, priced as azure_ai/Phi-4', async () => {
    answerLikeAzure('phi-4');
    const { response } = await client.chat.completions.create({ model: 'foundry', messages: HI }).withResponse();
    const request = only();
    expect(request.path).toBe('/models/chat/completions?api-version=2024-05-01-preview');
    expect(request.headers['api-key']).toBe(AZURE_KEY);
    expect(request.body.model).toBe('Phi-4');
    // 12 × 1.25e-7 + 3 × 5e-7 = 0.0000015 + 0.0000015
    expect(response.headers.get(COST_HEADER)).toBe('0.000003');
  });

  it('Entra ID client credentials: one token for many requests, sent as bearer, the secret only to the authority', async () => {
    answerLikeAzure('gpt-4.1');
    await client.chat.completions.create({ model: 'entra', messages: HI });
    await client.chat.completions.create({ model: 'entra', messages: HI });
    const stream = await client.chat.completions.create({ model: 'entra', messages: HI, stream: true });
    for await (const _chunk of stream) void _chunk;
    expect(tokens.requests).toHaveLength(1);
    const token = tokens.requests[0]!;
    expect(token.path).toBe('/tenant-1/oauth2/v2.0/token');
    expect(token.contentType).toBe('application/x-www-form-urlencoded');
    expect(token.form).toEqual({ grant_type: 'client_credentials', client_id: 'client-1', client_secret: CLIENT_SECRET, scope: 'https://cognitiveservices.azure.com/.default' });
    expect(upstream.requests).toHaveLength(3);
    for (const request of upstream.requests) {
      expect(request.path).toBe('/openai/deployments/entra-deploy/chat/completions?api-version=2024-10-21');
      expect(request.headers.authorization).toMatch(/^Bearer token-\d+$/);
      expect(JSON.stringify(request)).not.toContain(CLIENT_SECRET);
    }
  });

  it('Entra ID refusing the secret: 502 upstream_auth_failed naming the keys, the secret never echoed; the gateway keeps serving', async () => {
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'entra-wrong', messages: HI }));
    expect(response.status).toBe(502);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.error.code).toBe('upstream_auth_failed');
    expect(body.error.message).toContain('AADSTS7000215');
    expect(body.error.message).toContain('tenant_id, client_id and client_secret');
    expect(text).not.toContain('wrong-secret-0123456789abcdef');
    expect(upstream.requests).toHaveLength(0);
    answerLikeAzure('gpt-4.1');
    await expect(client.chat.completions.create({ model: 'classic', messages: HI })).resolves.toBeTruthy();
  });

  it('a prompt the content filter caught: 400 content_policy_violation with Azure message; key echoes redacted', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 400, {
        error: {
          message: `The response was filtered due to the prompt triggering Azure OpenAI's content management policy (key ${AZURE_KEY}).`,
          type: null,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { violence: { filtered: true, severity: 'high' } } },
        },
      });
      return true;
    });
    const error = await client.chat.completions.create({ model: 'classic', messages: HI }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.status).toBe(400);
    expect(bad.code).toBe('content_policy_violation');
    expect(bad.param).toBe('prompt');
    expect(bad.message).toContain("content management policy");
    expect(JSON.stringify(bad.error)).not.toContain(AZURE_KEY);
  });

  it('an upstream 401 echoing the AD token is passed on with its status, token redacted', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 401, { error: { code: '401', message: `Access denied due to invalid token ${AD_TOKEN}.` } });
      return true;
    });
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'v1', messages: HI }));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(AD_TOKEN);
    expect(JSON.parse(text).error.message).toContain('Access denied');
  });

  it('streams Responses through /openai/responses and prices it by base_model', async () => {
    upstream.handle((request, response) => {
      if (!request.path.startsWith('/openai/responses')) return false;
      const done = responseObject('gpt-4.1');
      sendResponsesEvents(response, [
        { type: 'response.created', response: { ...done, status: 'in_progress', output: [], usage: null } },
        { type: 'response.output_text.delta', item_id: 'msg_fake', output_index: 0, content_index: 0, delta: 'Hello from responses' },
        { type: 'response.completed', response: done },
      ]);
      return true;
    });
    const id = nextId();
    const stream = await client.responses.create({ model: 'classic-responses', input: 'Hi', stream: true }, { headers: { 'x-request-id': id } });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('Hello from responses');
    expect(only().path).toBe('/openai/responses?api-version=2025-04-01-preview');
    expect(only().body.stream).toBe(true);
    // usage 10 input + 4 output: 10 × 2e-6 + 4 × 8e-6 = 0.00002 + 0.000032
    expect((await recorder.eventFor(id)).cost).toBe('0.000052');
  });

  it('AI Foundry embeddings: {api_base}/embeddings with api-version', async () => {
    answerLikeAzure('embed-v-4-0');
    await client.embeddings.create({ model: 'foundry', input: 'x', encoding_format: 'float' }).catch((error: unknown) => error);
    // Phi-4 is a chat model: core refuses embeddings for it before any upstream call.
    expect(upstream.requests).toHaveLength(0);
    upstream.reset();
    answerLikeAzure('embed-v-4-0');
    const response = await fetch(`${host.gatewayUrl}/v1/embeddings`, postJson({ model: 'foundry-embed', input: 'x' }));
    expect(response.status).toBe(200);
    expect(only().path).toBe('/models/embeddings?api-version=2024-05-01-preview');
    expect(only().body.model).toBe('embed-v-4-0');
  });
});
