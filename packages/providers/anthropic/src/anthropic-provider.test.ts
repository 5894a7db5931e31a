import { isGatewayError, type GatewayResponse, type Provider } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { anthropic } from './anthropic-provider.js';
import type { AnthropicProvider } from './create-anthropic-provider.js';
import { closedPort, startFakeUpstream, type FakeUpstream } from './__fixtures__/fake-upstream.js';
import { fixture, TEST_KEY, testDeployment } from './__fixtures__/fixtures.js';

let upstream: FakeUpstream | undefined;
let provider: Provider | undefined;
afterEach(async () => {
  await provider?.close?.();
  await upstream?.close();
  provider = upstream = undefined;
});

async function setup(handler: Parameters<typeof startFakeUpstream>[0]): Promise<{ upstream: FakeUpstream; provider: Provider }> {
  upstream = await startFakeUpstream(handler);
  provider = anthropic().create({ logger: { info() {}, warn() {}, error() {}, debug() {} } as never });
  return { upstream, provider };
}

const call = (options: { apiBase: string; body?: Record<string, unknown>; endpoint?: 'chat.completions' | 'embeddings'; signal?: AbortSignal; apiKey?: string }) => {
  const body = options.body ?? { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] };
  return {
    endpoint: options.endpoint ?? ('chat.completions' as const),
    body,
    stream: body.stream === true,
    deployment: testDeployment({ apiBase: options.apiBase, ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }) }),
    signal: options.signal ?? new AbortController().signal,
    requestId: 'req_test',
  };
};

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isGatewayError(error)) return { status: error.status, code: error.code, type: error.type, message: error.message, headers: error.headers };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('anthropic provider over a real socket', () => {
  it('posts to {api_base}/v1/messages with x-api-key and anthropic-version, whether api_base ends in /v1 or not', async () => {
    const { upstream, provider } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_up_1', 'anthropic-ratelimit-requests-remaining': '99' });
      response.end(fixture('anthropic-text.json'));
    });
    const reply = (await provider.send(call({ apiBase: upstream.baseUrl }))) as Extract<GatewayResponse, { kind: 'json' }>;
    await provider.send(call({ apiBase: `${upstream.baseUrl}/v1/` }));
    expect(upstream.requests.map((request) => request.path)).toEqual(['/v1/messages', '/v1/messages']);
    const headers = upstream.requests[0]!.headers;
    expect({ key: headers['x-api-key'], version: headers['anthropic-version'], authorization: headers.authorization }).toEqual({
      key: TEST_KEY,
      version: '2023-06-01',
      authorization: undefined,
    });
    expect(reply.headers).toEqual({ 'x-upstream-request-id': 'req_up_1', 'anthropic-ratelimit-requests-remaining': '99' });
    expect((reply.body as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('Hello! How can I help you today?');
  });

  it('maps overloaded_error 529 to 503 upstream_overloaded and keeps retry-after on a 429', async () => {
    const { upstream, provider } = await setup((request, response) => {
      if (upstream!.requests.length === 1) {
        response.writeHead(529, { 'content-type': 'application/json' });
        response.end(fixture('anthropic-overloaded.json'));
      } else {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '17', 'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:17Z' });
        response.end(fixture('anthropic-rate-limit.json'));
      }
      void request;
    });
    expect(await failure(provider.send(call({ apiBase: upstream.baseUrl })))).toMatchObject({ status: 503, code: 'upstream_overloaded', type: 'upstream_error' });
    expect(await failure(provider.send(call({ apiBase: upstream.baseUrl })))).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      type: 'rate_limit_error',
      headers: { 'retry-after': '17', 'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:17Z' },
    });
  });

  it('redacts the deployment key and any sk-ant- key from upstream error messages', async () => {
    const { upstream, provider } = await setup((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${TEST_KEY} (also sk-ant-admin01-otherKEY)` } }));
    });
    const error = await failure(provider.send(call({ apiBase: upstream.baseUrl })));
    expect(error).toMatchObject({ status: 401, code: 'upstream_authentication_error', type: 'authentication_error' });
    expect(error.message).toBe('invalid x-api-key [redacted] (also [redacted])');
  });

  it('closes the upstream socket when the client aborts a stream', async () => {
    const { upstream, provider } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(fixture('anthropic-parallel-tools.chunks.txt').split('event: content_block_start')[0]);
    });
    const controller = new AbortController();
    const reply = await provider.send(call({ apiBase: upstream.baseUrl, signal: controller.signal, body: { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true } }));
    if (reply.kind !== 'stream') throw new Error('expected a stream');
    const iterator = reply.events[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ data: { choices: [{ delta: { role: 'assistant' } }] } });
    controller.abort();
    await iterator.return?.();
    expect(await upstream.closedEarly(0)).toBe(true);
  });

  it('keeps the upstream connection for the next request after a complete stream', async () => {
    const { upstream, provider } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      // message_stop first, the end of the body a moment later, as separate reads.
      response.write(fixture('anthropic-parallel-tools.chunks.txt'));
      setTimeout(() => response.end(), 20);
    });
    for (let round = 0; round < 3; round++) {
      const reply = await provider.send(call({ apiBase: upstream.baseUrl, body: { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true } }));
      if (reply.kind !== 'stream') throw new Error('expected a stream');
      const events: unknown[] = [];
      for await (const event of reply.events) events.push(event.data);
      expect(events.at(-1)).toBe('[DONE]');
      // undici frees a socket once the body's end is processed; a real next request comes later than that.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(upstream.sockets).toHaveLength(1);
  });

  it('offers the native Messages call for a /v1/messages ingress: the body sent as it is, the answer and events untranslated', async () => {
    const { upstream } = await setup((request, response) => {
      if (request.headers['anthropic-beta'] !== 'files-api-2025-04-14') response.writeHead(400).end();
      else if (upstream!.requests.length === 1) sendJsonText(response, fixture('anthropic-text.json'));
      else {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(fixture('anthropic-citations.chunks.txt'));
      }
    });
    const native = anthropic().create({ logger: {} as never }) as AnthropicProvider;
    try {
      const body = { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };
      const headers = { 'anthropic-beta': 'files-api-2025-04-14', 'x-api-key': 'client-must-not-override' };
      const json = await native.messages({ deployment: testDeployment({ apiBase: upstream.baseUrl }), body, stream: false, signal: new AbortController().signal, headers });
      expect(json).toMatchObject({ kind: 'json', status: 200, body: JSON.parse(fixture('anthropic-text.json')) });
      expect(JSON.parse(upstream.requests[0]!.body)).toEqual(body);
      expect(upstream.requests[0]!.headers['x-api-key']).toBe(TEST_KEY);
      const stream = await native.messages({ deployment: testDeployment({ apiBase: upstream.baseUrl }), body: { ...body, stream: true }, stream: true, signal: new AbortController().signal, headers });
      if (stream.kind !== 'stream') throw new Error('expected a stream');
      const types: unknown[] = [];
      for await (const event of stream.events) types.push(event.event);
      expect(types).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop']);
    } finally {
      await native.close?.();
    }
  });

  it('refuses embeddings, and a deployment with no key, clearly', async () => {
    const { upstream, provider } = await setup((_request, response) => response.end('{}'));
    expect(await failure(provider.send(call({ apiBase: upstream.baseUrl, endpoint: 'embeddings' })))).toMatchObject({ status: 400, code: 'unsupported_endpoint' });
    const previous = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const keyless = anthropic().create({ logger: {} as never });
      expect(await failure(keyless.send(call({ apiBase: upstream.baseUrl, apiKey: '' })))).toMatchObject({ status: 500, code: 'missing_upstream_api_key' });
    } finally {
      if (previous !== undefined) process.env.ANTHROPIC_API_KEY = previous;
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('maps a refused connection to 502 upstream_unreachable', async () => {
    const { provider } = await setup((_request, response) => response.end());
    const port = await closedPort();
    expect(await failure(provider.send(call({ apiBase: `http://127.0.0.1:${port}` })))).toMatchObject({ status: 502, code: 'upstream_unreachable' });
  });

  it('validates its options when built', () => {
    expect(() => anthropic({ defaultBaseUrl: 'ftp://x' })).toThrow(/defaultBaseUrl/);
    expect(() => anthropic({ connectionsPerOrigin: 0 })).toThrow(/connectionsPerOrigin/);
    expect(() => anthropic({ anthropicVersion: 'latest' })).toThrow(/anthropicVersion/);
  });
});

function sendJsonText(response: import('node:http').ServerResponse, text: string): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(text);
}
