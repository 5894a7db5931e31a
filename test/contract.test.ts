// One contract every host adapter must pass: the same requests, through Express and Koa,
// over real sockets, with the official openai SDK as the client and a real fake upstream.
import OpenAI, { APIError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readJson, upstreamConfig } from './support/config.js';
import { EMBEDDING, FakeUpstream } from './support/fake-upstream.js';
import { HOSTS, type Host } from './support/hosts.js';

describe.each(HOSTS)('gateway contract: %s', (_name, startHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({ config: upstreamConfig(upstream.url) });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  afterEach(() => upstream.reset());

  it('answers chat completions as JSON and forwards the body with the upstream key', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from upstream');
    expect(completion.usage?.total_tokens).toBe(15);
    const [request] = upstream.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(request?.headers.authorization).toBe('Bearer sk-upstream-secret-1234567890');
  });

  it('streams chat completions event by event, ending with [DONE]', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hello from upstream');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('streams the usage chunk when stream_options.include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBe(15);
  });

  it('frames SSE exactly like OpenAI: data lines, blank line, data: [DONE]', async () => {
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const text = await response.text();
    const frames = text.split('\n\n').filter(Boolean);
    expect(frames.every((frame) => frame.startsWith('data: '))).toBe(true);
    expect(frames.at(-1)).toBe('data: [DONE]');
    expect(text.endsWith('\n\n')).toBe(true);
  });

  it('answers the Responses API as JSON and as an event stream in order', async () => {
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Hi' });
    expect(response.output_text).toBe('Hello from responses');
    expect(upstream.requests[0]?.path).toBe('/v1/responses');

    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Hi', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types.filter((type) => type === 'response.output_text.delta')).toHaveLength(3);
  });

  it('returns embeddings as floats and as base64 (the SDK default) without corrupting vectors', async () => {
    const sdkDefault = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(upstream.requests[0]?.body.encoding_format).toBe('base64');
    expect(sdkDefault.data[0]?.embedding).toEqual(EMBEDDING);

    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
    expect(floats.data.map((item) => item.embedding)).toEqual([EMBEDDING, EMBEDDING]);
  });

  it('lists the configured model names', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('gpt-4o-mini');
    expect(models).toContain('text-embedding-3-small');
  });

  it('retrieves one configured model, and 404s an unknown one', async () => {
    const model = await client.models.retrieve('gpt-4o-mini');
    expect(model).toMatchObject({ id: 'gpt-4o-mini', object: 'model', owned_by: 'openai' });
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('answers with and without the /v1 prefix, and liveness needs no key', async () => {
    const withoutPrefix = await fetch(`${host.gatewayUrl}/models`, { headers: { authorization: 'Bearer sk-master' } });
    expect(withoutPrefix.status).toBe(200);
    for (const path of ['/health/liveliness', '/health/live', '/health/liveness']) {
      const health = await fetch(`${host.gatewayUrl}${path}`);
      expect(health.status).toBe(200);
      expect(await readJson(health)).toEqual({ status: 'ok' });
    }
    // With a master key, GET /health is LiteLLM's deployment check and needs the key.
    expect((await fetch(`${host.gatewayUrl}/health`)).status).toBe(401);
  });

  it('refuses a missing or wrong master key with 401 and never calls upstream', async () => {
    const missing = await fetch(`${host.gatewayUrl}/v1/models`);
    expect(missing.status).toBe(401);
    expect((await readJson(missing)).error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });

    const wrong = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes upstream 429 and 500 through with their status and an OpenAI-style body', async () => {
    const limited = await fetch(`${host.gatewayUrl}/v1/chat/completions`, post({ model: 'error-429', messages: [{ role: 'user', content: 'x' }] }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const limitedBody = await readJson(limited);
    expect(limitedBody.error).toMatchObject({ message: 'Rate limit reached for requests', code: 'rate_limit_exceeded' });
    expect(JSON.stringify(limitedBody)).not.toContain('sk-upstream-secret');

    const failed = await client.chat.completions.create({ model: 'error-500', messages: [{ role: 'user', content: 'x' }] }).catch((e) => e);
    expect(failed.status).toBe(500);
    expect(failed.error).toMatchObject({ type: 'server_error' });
  });

  it('maps a refused upstream connection to 502 and a timeout to 504', async () => {
    const refused = await fetch(`${host.gatewayUrl}/v1/chat/completions`, post({ model: 'refused', messages: [{ role: 'user', content: 'x' }] }));
    expect(refused.status).toBe(502);
    const refusedBody = await readJson(refused);
    expect(refusedBody.error.code).toBe('upstream_unreachable');
    expect(JSON.stringify(refusedBody)).not.toContain('sk-x');

    const slow = await fetch(`${host.gatewayUrl}/v1/chat/completions`, post({ model: 'hang', messages: [{ role: 'user', content: 'x' }] }));
    expect(slow.status).toBe(504);
    expect((await readJson(slow)).error.code).toBe('upstream_timeout');
  });

  it('aborts the upstream request when the client goes away mid-stream', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
      ...post({ model: 'endless-stream', messages: [{ role: 'user', content: 'x' }], stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    controller.abort();
    await expect.poll(() => upstream.streamAborted, { timeout: 2_000 }).toBe(true);
    // And the gateway keeps serving.
    const next = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'again' }] });
    expect(next.choices[0]?.message.content).toBe('Hello from upstream');
  });

  it("leaves the host's own routes alone", async () => {
    const response = await fetch(`${host.url}/host/ping`);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ host: host.name });
  });

  describe('bad input gets a 4xx OpenAI-style JSON error and the next request is served', () => {
    const cases: [string, RequestInit, number, string][] = [
      ['a non-JSON body', { body: '{"model": "gpt-4o-mini",', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      ['a JSON array body', { body: '[1, 2]', headers: { 'content-type': 'application/json' } }, 400, 'invalid_body'],
      ['a JSON string body', { body: '"hello"', headers: { 'content-type': 'application/json' } }, 400, 'invalid_body'],
      ['an empty body', { body: '', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      ['a missing model', { body: JSON.stringify({ messages: [] }), headers: { 'content-type': 'application/json' } }, 400, 'missing_required_parameter'],
      ['an unknown model', { body: JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }), headers: { 'content-type': 'application/json' } }, 404, 'model_not_found'],
      ['a wrong content type', { body: 'model=gpt-4o-mini', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ];
    it.each(cases)('%s', async (_label, init, status, code) => {
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        ...init,
        headers: { authorization: 'Bearer sk-master', ...(init.headers as Record<string, string>) },
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
      const body = await readJson(response);
      expect(body.error).toEqual({ message: expect.any(String), type: 'invalid_request_error', param: body.error.param ?? null, code });
      expect(upstream.requests).toHaveLength(0);
      const next = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ok' }] });
      expect(next.choices[0]?.message.content).toBe('Hello from upstream');
    });

    it('an unknown path under the mount is a JSON 404, a wrong method a JSON 405', async () => {
      const unknown = await fetch(`${host.gatewayUrl}/v1/nothing-here`, { headers: { authorization: 'Bearer sk-master', 'x-request-id': 'trace-42' } });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('x-request-id')).toBe('trace-42');
      expect((await readJson(unknown)).error.code).toBe('not_found');
      const wrongMethod = await fetch(`${host.gatewayUrl}/v1/chat/completions`, { headers: { authorization: 'Bearer sk-master' } });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
    });
  });
});

function post(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master' }, body: JSON.stringify(body) };
}
