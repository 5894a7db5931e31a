// Issue 7, secrets: an upstream that echoes the credential it was sent, in every field of a JSON
// error, in its headers and in error events inside a 200 stream (chat and Responses), never gets
// it to a client or a log line; /model/info masks credentials in an api_base. A leak scan over
// every body, header and log line of the suite closes each host's run.
import type { IncomingMessage, ServerResponse } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostRecorder } from './support/cost-events.js';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host, type StartHost } from './support/hosts.js';
import { LeakScan } from './support/leak-scan.js';
import { modelsConfig, postJson } from './support/model-config.js';

/** Keys that do and do not start with `sk-`: OpenAI-shaped, a house key, an Azure-shaped hex key. */
const SK_KEY = 'sk-proj-LeakScan0001Abcd9876wxyz';
const HOUSE_KEY = 'house-gateway-key-7f3a9c2e';
const HEX_KEY = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const URL_PASSWORD = 'url-password-Qm4Zx8';
const URL_QUERY_KEY = 'query-key-Lp9Wn2Rt';
const MASTER_KEY = 'sk-master';
const SECRETS = [SK_KEY, HOUSE_KEY, HEX_KEY, URL_PASSWORD, URL_QUERY_KEY, MASTER_KEY];
const HI = [{ role: 'user' as const, content: 'Hi' }];

/** The deployments: one per key, each model name saying which key its upstream receives. */
function models(apiBase: string) {
  const entry = (modelName: string, apiKey: string, base = apiBase, modelInfo?: Record<string, unknown>) => ({
    model_name: modelName,
    litellm_params: { model: `openai/${modelName}`, api_base: base, api_key: apiKey },
    ...(modelInfo === undefined ? {} : { model_info: modelInfo }),
  });
  const withCredentials = new URL(apiBase);
  withCredentials.username = 'gateway';
  withCredentials.password = URL_PASSWORD;
  withCredentials.searchParams.set('api-version', '2024-10-21');
  withCredentials.searchParams.set('key', URL_QUERY_KEY);
  return [
    entry('echo-sk', SK_KEY),
    entry('echo-house', HOUSE_KEY),
    entry('echo-hex', HEX_KEY),
    entry('creds-in-url', HOUSE_KEY, withCredentials.toString()),
    // Served through the other API: the upstream's error events are redacted before a bridge reads them.
    entry('echo-chat-only', HEX_KEY, apiBase, { mode: 'chat', endpoints: ['chat.completions'] }),
    entry('echo-responses-only', HEX_KEY, apiBase, { mode: 'responses', endpoints: ['responses'] }),
  ];
}

/** What OpenAI does with a wrong key: its first 8 characters, stars, its last 4. */
function masked(key: string): string {
  return `${key.slice(0, 8)}****${key.slice(-4)}`;
}

/** An error object with the key in every field, nested strings and an object key included. */
function echoError(key: string) {
  return {
    message: `Incorrect API key provided: ${masked(key)}. Sent: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: key,
    param: key,
    code: key,
    details: { nested: [key, { deeper: `Bearer ${key}` }], [key]: masked(key) },
  };
}

/** Upstream headers that echo the key: the request id, rate-limit state, retry hints. */
function echoHeaders(key: string): Record<string, string> {
  return {
    'x-request-id': key,
    'x-ratelimit-remaining-requests': key,
    'x-ratelimit-limit-tokens': masked(key),
    'retry-after': `${key} 7`,
    'openai-processing-ms': `Bearer ${key}`,
  };
}

function startSse(response: ServerResponse, key: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...echoHeaders(key) });
}

/**
 * The echoing upstream. Streams: chat sends one content chunk then `data: {"error": …}`;
 * Responses sends `event: error` (for `x-failure: error`, the default) or `response.failed`.
 * `x-echo: success` makes it answer normally, with the echoing headers.
 */
function echoingUpstream(request: { path: string; headers: IncomingMessage['headers']; body: any }, response: ServerResponse): boolean {
  const key = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const { model, stream } = request.body ?? {};
  if (request.body?.metadata?.echo === 'success' || request.body?.user === 'echo-success') {
    const body = { id: 'chatcmpl-echo', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };
    sendJson(response, 200, body, echoHeaders(key));
    return true;
  }
  const queryKey = new URL(request.path, 'http://upstream').searchParams.get('key');
  if (queryKey !== null) {
    // The api_base's own credential, sent in its query string, echoed bare.
    sendJson(response, 403, { error: { message: `Key ${queryKey} is not allowed`, type: 'forbidden', param: queryKey, code: null } });
    return true;
  }
  if (!stream) {
    sendJson(response, 401, { error: echoError(key) }, echoHeaders(key));
    return true;
  }
  startSse(response, key);
  if (request.path.startsWith('/v1/chat/completions')) {
    const chunk = { id: 'chatcmpl-echo', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }] };
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    response.end(`data: ${JSON.stringify({ error: echoError(key) })}\n\n`);
    return true;
  }
  const created = { type: 'response.created', sequence_number: 0, response: { id: 'resp_echo', object: 'response', status: 'in_progress', model, output: [] } };
  response.write(`event: response.created\ndata: ${JSON.stringify(created)}\n\n`);
  if (request.body?.metadata?.failure === 'response.failed') {
    const failed = { type: 'response.failed', sequence_number: 1, response: { id: 'resp_echo', object: 'response', status: 'failed', model, output: [], error: echoError(key) } };
    response.end(`event: response.failed\ndata: ${JSON.stringify(failed)}\n\n`);
  } else {
    // The spec's error event: code, message, param at the top level (`type` must stay `error`).
    const { details: _details, type: _type, ...fields } = echoError(key);
    response.end(`event: error\ndata: ${JSON.stringify({ ...fields, type: 'error', sequence_number: 1, extra: { [key]: [key] } })}\n\n`);
  }
  return true;
}

describe.each(ALL_HOSTS)('secrets through the %s host', (name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;
  const scan = new LeakScan();
  const costs = new CostRecorder();
  let requestCount = 0;
  const nextId = () => `secrets-${name}-${++requestCount}`;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({
      config: modelsConfig(models(upstream.url)),
      logger: scan.logger,
      onCost: (event) => {
        costs.listener(event);
        scan.accessLog(event);
      },
    });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER_KEY, maxRetries: 0, fetch: scan.fetch });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.reset();
    upstream.handle(echoingUpstream);
  });

  async function post(path: string, body: Record<string, unknown>) {
    const id = nextId();
    const response = await scan.fetch(`${host.gatewayUrl}${path}`, postJson(body, { 'x-request-id': id }));
    return { id, response, text: await response.text() };
  }

  const endpoints: [string, string, Record<string, unknown>][] = [
    ['chat', '/v1/chat/completions', { messages: HI }],
    ['responses', '/v1/responses', { input: 'Hi' }],
    ['embeddings', '/v1/embeddings', { input: 'Hi' }],
  ];
  const keys: [string, string][] = [
    ['echo-sk', SK_KEY],
    ['echo-house', HOUSE_KEY],
    ['echo-hex', HEX_KEY],
  ];

  describe.each(endpoints)('a JSON error on %s', (_label, path, body) => {
    it.each(keys)('from %s is redacted in message, type, code, param and headers', async (model, key) => {
      const { id, response, text } = await post(path, { model, ...body });
      expect(response.status).toBe(401);
      const error = JSON.parse(text).error;
      // Every field still reads as an error; none holds the key, masked or not.
      expect(error.message).toMatch(/^Incorrect API key provided: \[redacted\]\. Sent: \[redacted\]\. You can find your API key at https:\/\/platform\.openai\.com/);
      expect(error).toEqual({ message: expect.any(String), type: '[redacted]', param: '[redacted]', code: 'upstream_error' });
      expect(response.headers.get('x-upstream-request-id')).toBe('[redacted]');
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('[redacted]');
      expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('[redacted]');
      expect(response.headers.get('retry-after')).toBe('[redacted] 7');
      expect(response.headers.get('openai-processing-ms')).toBe('Bearer [redacted]');
      expect(text).not.toContain(key.slice(0, 12));
      // The access log's errorCode: not the upstream's code (it was the key), a gateway code.
      expect((await costs.eventFor(id)).errorCode).toBe('upstream_error');
    });
  });

  it('redacts echoing headers on a successful answer too', async () => {
    const { response, text } = await post('/v1/chat/completions', { model: 'echo-house', messages: HI, user: 'echo-success' });
    expect(response.status).toBe(200);
    expect(JSON.parse(text).choices[0].message.content).toBe('ok');
    expect(response.headers.get('x-upstream-request-id')).toBe('[redacted]');
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('[redacted]');
  });

  it.each(keys)('redacts the error chunk of a chat stream from %s, as the SDK surfaces it', async (model, key) => {
    const stream = await client.chat.completions.create({ model, messages: HI, stream: true });
    const content: string[] = [];
    const failure = await (async () => {
      try {
        for await (const chunk of stream) content.push(chunk.choices[0]?.delta.content ?? '');
      } catch (error) {
        return error as Error;
      }
      return undefined;
    })();
    expect(content.join('')).toBe('Hel');
    expect(failure?.message).toMatch(/Incorrect API key provided: \[redacted\]\. Sent: \[redacted\]/);
    expect(JSON.stringify(failure)).not.toContain(key.slice(0, 12));
  });

  it.each(keys)('redacts a Responses stream error event from %s, every field and nested key', async (model, key) => {
    const { id, response, text } = await post('/v1/responses', { model, input: 'Hi', stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream-request-id')).toBe('[redacted]');
    const error = text.split('\n\n').find((frame) => frame.startsWith('event: error'));
    expect(error).toBeDefined();
    const data = JSON.parse(error!.slice(error!.indexOf('data: ') + 6));
    expect(data).toMatchObject({ type: 'error', code: '[redacted]', param: '[redacted]', extra: { '[redacted]': ['[redacted]'] } });
    expect(data.message).toMatch(/^Incorrect API key provided: \[redacted\]/);
    expect(text).not.toContain(key.slice(0, 12));
    expect((await costs.eventFor(id)).outcome).toBe('error');
  });

  it('redacts a response.failed event, the SDK seeing the failure without the key', async () => {
    const stream = await client.responses.create({ model: 'echo-house', input: 'Hi', stream: true, metadata: { failure: 'response.failed' } });
    const types: string[] = [];
    let failed: any;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.failed') failed = event.response;
    }
    expect(types).toEqual(['response.created', 'response.failed']);
    expect(failed.error.message).toMatch(/^Incorrect API key provided: \[redacted\]/);
    expect(failed.error).toMatchObject({ code: '[redacted]', type: '[redacted]', details: { nested: ['[redacted]', { deeper: 'Bearer [redacted]' }] } });
    expect(JSON.stringify(failed)).not.toContain(HOUSE_KEY.slice(0, 12));
  });

  it.each([
    ['a Responses stream bridged from chat', '/v1/responses', 'echo-chat-only', { input: 'Hi' }],
    ['a chat stream bridged from Responses', '/v1/chat/completions', 'echo-responses-only', { messages: HI }],
  ])('redacts the error of %s', async (_label, path, model, body) => {
    const { id, response, text } = await post(path, { model, stream: true, ...body });
    expect(response.status).toBe(200);
    expect(text).toMatch(/Incorrect API key provided: \[redacted\]/);
    expect(text).not.toContain(HEX_KEY.slice(0, 12));
    expect(text).not.toContain(masked(HEX_KEY));
    const event = await costs.eventFor(id);
    expect(event).toMatchObject({ outcome: 'error', errorCode: 'upstream_error' });
  });

  it('redacts an api_base credential the upstream echoes', async () => {
    const { response, text } = await post('/v1/chat/completions', { model: 'creds-in-url', messages: HI });
    expect(response.status).toBe(403);
    expect(JSON.parse(text).error).toEqual({ message: 'Key [redacted] is not allowed', type: 'forbidden', param: '[redacted]', code: 'upstream_error' });
  });

  it('shows an api_base with credentials masked on /model/info, and no key on /v1/models', async () => {
    const info = await scan.fetch(`${host.gatewayUrl}/model/info`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    expect(info.status).toBe(200);
    const deployments: any[] = ((await info.json()) as { data: any[] }).data;
    const withCredentials = deployments.find((deployment) => deployment.model_name === 'creds-in-url');
    const port = new URL(upstream.url).port;
    expect(withCredentials.litellm_params.api_base).toBe(`http://***:***@127.0.0.1:${port}/v1?api-version=2024-10-21&key=***`);
    const list = await scan.fetch(`${host.gatewayUrl}/v1/models`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    expect(((await list.json()) as { data: { id: string }[] }).data.map((model) => model.id)).toEqual(['echo-sk', 'echo-house', 'echo-hex', 'creds-in-url', 'echo-chat-only', 'echo-responses-only']);
  });

  it('leaks no configured key, nor its first 12 characters, in any body, header or log line', async () => {
    // The suite above made at least this many requests, each with a logged access-log line.
    expect(costs.events.length).toBeGreaterThanOrEqual(15);
    await scan.expectNoLeak(SECRETS);
  });
});
