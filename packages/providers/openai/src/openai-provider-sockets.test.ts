import { isGatewayError, silentLogger, SSE_DONE, type GatewayError, type Provider, type SseEvent } from '@switchyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, startFakeUpstream, type FakeUpstream } from './__fixtures__/fake-upstream.js';
import { testCall, testDeployment } from './__fixtures__/test-deployment.js';
import { openai } from './index.js';

// Real sockets on 127.0.0.1: what undici's MockAgent cannot show (refused ports, timeouts,
// sockets closed on abort, keep-alive reuse).

const cleanups: (() => Promise<void>)[] = [];

async function upstream(handler: Parameters<typeof startFakeUpstream>[0]): Promise<FakeUpstream> {
  const server = await startFakeUpstream(handler);
  cleanups.push(() => server.close());
  return server;
}

function provider(): Provider {
  const created = openai().create({ logger: silentLogger });
  cleanups.push(() => created.close?.() ?? Promise.resolve());
  return created;
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGatewayError(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

afterEach(async () => {
  // Providers first: a graceful close waits for the fake upstreams' answers.
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const CHUNKS = [
  'data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n',
  'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n',
  // An event split across two TCP writes must still arrive whole.
  'data: {"id":"c1","choices":[{"index":0,"del',
  'ta":{"content":"lo"}}]}\n\n',
  'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}\n\n',
  'data: [DONE]\n\n',
];

describe('openai provider over real sockets', () => {
  it('streams upstream events in order, including [DONE]', async () => {
    const server = await upstream(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream' });
      for (const chunk of CHUNKS) {
        response.write(chunk);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      response.end();
    });
    const body = { model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } };
    const response = await provider().send(testCall({ deployment: testDeployment({ apiBase: server.baseUrl }), body }));
    if (response.kind !== 'stream') throw new Error('expected a stream');
    const events: SseEvent[] = [];
    for await (const event of response.events) events.push(event);

    expect(response.headers).toEqual({ 'x-upstream-request-id': 'req_stream' });
    expect(events.map((event) => event.data)).toEqual([
      { id: 'c1', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] },
      { id: 'c1', choices: [{ index: 0, delta: { content: 'Hel' } }] },
      { id: 'c1', choices: [{ index: 0, delta: { content: 'lo' } }] },
      { id: 'c1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
      SSE_DONE,
    ]);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: JSON.stringify(body) });
  });

  it('keeps Responses API event names', async () => {
    const server = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('event: response.created\ndata: {"type":"response.created","sequence_number":0}\n\nevent: response.completed\ndata: {"type":"response.completed","sequence_number":1}\n\n');
    });
    const body = { model: 'gpt-5.5', input: 'Hi', stream: true };
    const response = await provider().send(testCall({ deployment: testDeployment({ apiBase: server.baseUrl }), endpoint: 'responses', body }));
    if (response.kind !== 'stream') throw new Error('expected a stream');
    const events: SseEvent[] = [];
    for await (const event of response.events) events.push(event);
    expect(events).toEqual([
      { event: 'response.created', data: { type: 'response.created', sequence_number: 0 } },
      { event: 'response.completed', data: { type: 'response.completed', sequence_number: 1 } },
    ]);
    expect(server.requests[0]?.path).toBe('/v1/responses');
  });

  it('answers 502 upstream_unreachable when the connection is refused', async () => {
    const port = await closedPort();
    const deployment = testDeployment({ apiBase: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-secret-never-shown' });
    const error = await rejection(provider().send(testCall({ deployment })));
    expect(error.code).toBe('upstream_unreachable');
    expect(error.status).toBe(502);
    expect(error.message).toBe(`Could not reach the upstream for model "gpt-test" at http://127.0.0.1:${port}: connection refused.`);
  });

  it('answers 504 upstream_timeout when the upstream never answers', async () => {
    const server = await upstream(() => {
      // Never answers.
    });
    const deployment = testDeployment({ apiBase: server.baseUrl, timeoutMs: 150 });
    const error = await rejection(provider().send(testCall({ deployment })));
    expect(error.code).toBe('upstream_timeout');
    expect(error.status).toBe(504);
    expect(error.message).toContain(`model "gpt-test" at ${new URL(server.baseUrl).origin}`);
    expect(error.message).toContain('0.15 s');
  });

  it('uses stream_timeout for the first byte of a stream', async () => {
    const server = await upstream(() => {
      // Never answers.
    });
    const deployment = testDeployment({ apiBase: server.baseUrl, timeoutMs: 60_000, streamTimeoutMs: 150 });
    const body = { model: 'gpt-5.5', messages: [], stream: true };
    const error = await rejection(provider().send(testCall({ deployment, body })));
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain('did not start the stream within 0.15 s');
  });

  it('ends a stream that goes quiet for longer than the timeout with upstream_timeout', async () => {
    const server = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(CHUNKS[0]);
    });
    const body = { model: 'gpt-5.5', messages: [], stream: true };
    const response = await provider().send(testCall({ deployment: testDeployment({ apiBase: server.baseUrl, timeoutMs: 150 }), body }));
    if (response.kind !== 'stream') throw new Error('expected a stream');
    const iterator = response.events[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const error = await rejection(iterator.next());
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain('sent nothing for 0.15 s');
    expect(await server.closedEarly(0)).toBe(true);
  });

  it('aborts the upstream request when the client disconnects mid-stream', async () => {
    const server = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(CHUNKS[0]);
      // Then goes quiet, as a model thinking would.
    });
    const client = new AbortController();
    const body = { model: 'gpt-5.5', messages: [], stream: true };
    const response = await provider().send(testCall({ deployment: testDeployment({ apiBase: server.baseUrl }), body, signal: client.signal }));
    if (response.kind !== 'stream') throw new Error('expected a stream');
    const iterator = response.events[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const pending = rejection(iterator.next());
    client.abort(new Error('client closed the connection'));

    expect(await server.closedEarly(0)).toBe(true);
    expect((await pending).code).toBe('client_closed_request');
  });

  it('closes the upstream socket when the consumer stops reading a stream', async () => {
    const server = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(CHUNKS[0]);
      response.write(CHUNKS[1]);
    });
    const body = { model: 'gpt-5.5', messages: [], stream: true };
    const response = await provider().send(testCall({ deployment: testDeployment({ apiBase: server.baseUrl }), body }));
    if (response.kind !== 'stream') throw new Error('expected a stream');
    for await (const event of response.events) {
      expect(event.data).toMatchObject({ id: 'c1' });
      break;
    }
    expect(await server.closedEarly(0)).toBe(true);
  });

  it('aborts a JSON request waiting for the upstream when the client disconnects', async () => {
    const server = await upstream(() => {
      // Never answers.
    });
    const client = new AbortController();
    const pending = rejection(provider().send(testCall({ deployment: testDeployment({ apiBase: server.baseUrl }), signal: client.signal })));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    client.abort(new Error('client closed the connection'));

    expect(await server.closedEarly(0)).toBe(true);
    expect((await pending).code).toBe('client_closed_request');
  });

  it('reuses one keep-alive connection per origin, and shares none between providers', async () => {
    const server = await upstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"object":"chat.completion"}');
    });
    const deployment = testDeployment({ apiBase: server.baseUrl });
    const first = provider();
    await first.send(testCall({ deployment }));
    // undici hands a socket back to the pool a tick after the body ends; a real client's next
    // request is at least a loopback round trip later.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await first.send(testCall({ deployment }));
    expect(server.sockets).toHaveLength(1);

    await provider().send(testCall({ deployment }));
    expect(server.sockets).toHaveLength(2);

    await first.close?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets[0]?.destroyed).toBe(true);
    expect(server.sockets[1]?.destroyed).toBe(false);
  });
});
