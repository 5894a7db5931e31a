// Issue 7, hostile input (items 5–9): bodies nested too deep or too wide, a body sent to a
// request without a key, bodies over the limit, malformed HTTP, and echoes of huge values.
// Against the standalone proxy and both mounts, with and without a host JSON parser in front.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readJson, upstreamConfig } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, startKoaHost, startStandaloneHost, type Host, type StartHost } from './support/hosts.js';
import { RawConnection, postHead, type RawResponse } from './support/raw-http.js';

const KEY = 'sk-master';
const SMALL_LIMIT = 2_000;

/** Every host, and each mount once more behind the framework's own JSON parser. */
const VARIANTS: readonly (readonly [string, StartHost, boolean])[] = ALL_HOSTS.flatMap(([name, start]) =>
  name === 'standalone' ? [[name, start, false] as const] : [[name, start, false] as const, [`${name} behind a host JSON parser`, start, true] as const],
);

const chat = (extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...extra });

/** JSON text nested `depth` arrays deep inside `field`: built as text, JSON.stringify itself would overflow. */
function nestedBody(field: 'metadata' | 'content', depth: number): string {
  const value = `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}`;
  return field === 'metadata'
    ? `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"metadata":{"deep":${value}}}`
    : `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${value}}]}`;
}

function post(host: Host, body: string | object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${host.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An OpenAI-style error body, whatever else is true of the response. */
function expectOpenAIError(body: any, code: string): void {
  expect(body).toEqual({ error: { message: expect.any(String), type: expect.any(String), param: expect.toBeOneOf([null, expect.any(String)]), code } });
}

/** The answer on a raw connection, or a clear failure when none comes (the gateway waited for a body). */
async function answerWithin(connection: RawConnection, what: string): Promise<RawResponse> {
  let timer: NodeJS.Timeout | undefined;
  const noAnswer = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within 5 s: the server is waiting for the body`)), 5_000);
  });
  try {
    return await Promise.race([connection.readResponse(), noAnswer]);
  } finally {
    clearTimeout(timer);
  }
}

function nodeHttpPost(url: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, 'content-length': body.length } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());

describe.each(VARIANTS)('hostile input: %s', (_name, startHost, hostParsesJson) => {
  /** Default limits. */
  let host: Host;
  /** A 2,000-byte body limit and tight JSON limits from config.yaml. */
  let small: Host;

  beforeAll(async () => {
    host = await startHost({ config: upstreamConfig(upstream.url), hostParsesJson });
    small = await startHost({
      config: upstreamConfig(upstream.url, {
        general_settings: {
          master_key: KEY,
          max_request_json_depth: 8,
          max_request_json_array_length: 10,
          max_request_json_keys: 50,
        } as never,
      }),
      bodyLimit: SMALL_LIMIT,
      hostParsesJson,
    });
  });
  afterAll(async () => {
    await host?.close();
    await small?.close();
  });

  describe('item 5: nesting depth', () => {
    it('answers a body nested 5,000 levels deep with a 400 naming the limit, not a 502, and keeps serving', async () => {
      for (const body of [nestedBody('metadata', 5_000), nestedBody('content', 5_000)]) {
        const response = await post(host, body);
        expect(response.status).toBe(400);
        const error = await readJson(response);
        expectOpenAIError(error, 'body_too_complex');
        expect(error.error.message).toContain('128 levels');
      }
      expect((await post(host, chat())).status).toBe(200);
    });

    it('takes the depth limit from general_settings.max_request_json_depth', async () => {
      const deep = await post(small, nestedBody('metadata', 10));
      expect(deep.status).toBe(400);
      expect((await readJson(deep)).error.message).toMatch(/8 levels .*max_request_json_depth/);
      expect((await post(small, nestedBody('metadata', 5))).status).toBe(200);
    });
  });

  describe('item 6: auth first, bounded parsing', () => {
    it.skipIf(hostParsesJson)('refuses a request without a valid key before reading its body', async () => {
      // 10 MB announced, 10 bytes sent: an answer can only come from a gateway that did not wait for the body.
      for (const key of [undefined, 'sk-wrong']) {
        const connection = await RawConnection.open(host.gatewayUrl);
        try {
          await connection.write(postHead(`${new URL(host.gatewayUrl).pathname.replace(/\/$/, '')}/v1/chat/completions`, { contentLength: 10_000_000, key }) + '{"model":');
          const response = await answerWithin(connection, 'a request without a valid key');
          expect(response.status).toBe(401);
          expectOpenAIError(JSON.parse(response.body), 'invalid_api_key');
        } finally {
          connection.close();
        }
      }
    });

    it('refuses an object with more keys than the limit', async () => {
      const wide: Record<string, number> = {};
      for (let index = 0; index < 5_000; index++) wide[`k${index}`] = index;
      const response = await post(host, chat({ metadata: wide }));
      expect(response.status).toBe(400);
      const error = await readJson(response);
      expectOpenAIError(error, 'body_too_complex');
      expect(error.error.message).toContain('1000 keys');
      expect((await post(host, chat())).status).toBe(200);
    });

    it('takes array and total-key limits from general_settings', async () => {
      const longArray = await post(small, chat({ messages: Array.from({ length: 11 }, () => ({ role: 'user', content: 'x' })) }));
      expect(longArray.status).toBe(400);
      expect((await readJson(longArray)).error.message).toMatch(/10 items .*max_request_json_array_length/);
      const manyKeys = await post(small, chat({ metadata: Object.fromEntries(Array.from({ length: 9 }, (_, index) => [`k${index}`, { a: 1, b: 2, c: 3, d: 4, e: 5 }])) }));
      expect(manyKeys.status).toBe(400);
      expect((await readJson(manyKeys)).error.message).toMatch(/50 object keys .*max_request_json_keys/);
    });
  });

  describe('item 7: every client reads the 413', () => {
    it('fetch and node:http read the 413 JSON on each of 50 tries, then a normal request succeeds', async () => {
      const body = Buffer.from(JSON.stringify(chat({ messages: [{ role: 'user', content: 'x'.repeat(256 * 1024) }] })));
      const url = `${small.gatewayUrl}/v1/chat/completions`;
      for (let attempt = 0; attempt < 50; attempt++) {
        const viaFetch = await post(small, body.toString());
        expect(viaFetch.status).toBe(413);
        expectOpenAIError(await readJson(viaFetch), 'payload_too_large');
        const viaNode = await nodeHttpPost(url, body);
        expect(viaNode.status).toBe(413);
        expectOpenAIError(JSON.parse(viaNode.text), 'payload_too_large');
      }
      expect((await post(small, chat())).status).toBe(200);
    });

    it('keeps reading after the 413 until the client has sent its body, then closes cleanly', async () => {
      const connection = await RawConnection.open(small.gatewayUrl);
      const prefix = new URL(small.gatewayUrl).pathname.replace(/\/$/, '');
      try {
        // 6 MB: more than the kernel buffers hold (so a server that stopped reading resets the
        // connection while the client still writes), less than the 8 MiB the gateway drains.
        const body = Buffer.alloc(6_000_000, 'x');
        await connection.write(postHead(`${prefix}/v1/chat/completions`, { contentLength: body.length, key: KEY }) + body.subarray(0, 1_000).toString());
        const refused = await answerWithin(connection, 'an over-limit body');
        expect(refused.status).toBe(413);
        expect(refused.headers.connection).toBe('close');
        expectOpenAIError(JSON.parse(refused.body), 'payload_too_large');
        // The rest of the body goes through, and the connection closes without a reset (no EPIPE, no ECONNRESET).
        let writeError: unknown;
        for (let offset = 1_000; offset < body.length && writeError === undefined; offset += 65_536) {
          await connection.write(body.subarray(offset, offset + 65_536)).catch((error: unknown) => (writeError = error));
        }
        expect(writeError).toBeUndefined();
        expect(await connection.finish()).toBeUndefined();
      } finally {
        connection.close();
      }
    });

    it('answers a declared over-limit Content-Length whose body never comes', async () => {
      const connection = await RawConnection.open(small.gatewayUrl);
      try {
        // Under the host parser's own 100 MB limit, over the gateway's: only the gateway can refuse it.
        await connection.write(postHead(`${new URL(small.gatewayUrl).pathname.replace(/\/$/, '')}/v1/chat/completions`, { contentLength: 10_000_000, key: KEY }));
        const response = await answerWithin(connection, 'a declared over-limit body');
        expect(response.status).toBe(413);
        expectOpenAIError(JSON.parse(response.body), 'payload_too_large');
        expect(response.headers['x-request-id']).toBeTruthy();
      } finally {
        connection.close();
      }
    });
  });

  describe('item 9: bounded echoes', () => {
    it('clips a huge model name, path and content type in the error message', async () => {
      const huge = 'm'.repeat(1_000_000);
      const cases: [Promise<Response>, number, string][] = [
        [post(host, chat({ model: huge })), 404, 'model_not_found'],
        [fetch(`${host.gatewayUrl}/v1/models/${'m'.repeat(8_000)}`, { headers: { authorization: `Bearer ${KEY}` } }), 404, 'model_not_found'],
        [post(host, chat(), { 'content-type': `application/${'x'.repeat(8_000)}` }), 415, 'unsupported_media_type'],
        [fetch(`${host.gatewayUrl}/v1/${'p'.repeat(8_000)}`, { headers: { authorization: `Bearer ${KEY}` } }), 404, 'not_found'],
      ];
      for (const [pending, status, code] of cases) {
        const response = await pending;
        const text = await response.text();
        expect({ status: response.status, code: JSON.parse(text).error.code }).toEqual({ status, code });
        expect(text.length).toBeLessThan(1_000);
        expect(JSON.parse(text).error.message).toMatch(/… \(\d+ more characters\)/);
      }
    });
  });
});

describe('item 8: malformed HTTP', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startStandaloneHost({ config: upstreamConfig(upstream.url) });
  });
  afterAll(() => host.close());

  it.each([
    ['a bad request line', 'GARBAGE\r\n\r\n', 400, 'malformed_request'],
    ['a bad header', 'GET /health HTTP/1.1\r\nhost: x\r\nbad header\r\n\r\n', 400, 'malformed_request'],
    ['headers over the size limit', `GET /health HTTP/1.1\r\nhost: x\r\nx-big: ${'b'.repeat(20_000)}\r\n\r\n`, 431, 'request_header_fields_too_large'],
    ['an unknown Expect', 'POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nexpect: 200-ok\r\ncontent-length: 2\r\n\r\n', 417, 'expectation_failed'],
  ])('the standalone proxy answers %s with an OpenAI-style JSON error', async (_label, text, status, code) => {
    const connection = await RawConnection.open(host.url);
    try {
      await connection.write(text);
      const response = await answerWithin(connection, 'a malformed request');
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expectOpenAIError(JSON.parse(response.body), code);
    } finally {
      connection.close();
    }
    expect((await fetch(`${host.url}/health/liveliness`)).status).toBe(200);
  });

  it.each([false, true])('the Koa mount sends no stack trace to stderr when clients break off (host parser: %s)', async (hostParsesJson) => {
    const koa = await startKoaHost({ config: upstreamConfig(upstream.url), hostParsesJson });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const head = (length: number) => postHead('/llm/v1/chat/completions', { contentLength: length, key: KEY });
      const big = JSON.stringify(chat({ messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] }));
      for (const [text, breakOff] of [
        [`${head(1_000)}{"model":`, 'end'],
        [`${head(1_000)}{"model":`, 'reset'],
        [`${head(Buffer.byteLength(big))}${big}`, 'reset'],
      ] as const) {
        const connection = await RawConnection.open(koa.url);
        await connection.write(text);
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (breakOff === 'end') connection.socket.end();
        else connection.socket.resetAndDestroy();
        await new Promise((resolve) => setTimeout(resolve, 100));
        connection.close();
      }
      expect(printed.mock.calls.map((call) => call.join(' '))).toEqual([]);
      expect((await post(koa, chat())).status).toBe(200);
    } finally {
      printed.mockRestore();
      await koa.close();
    }
  });
});
