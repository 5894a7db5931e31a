// A bounded fuzz run (issue 7): a few thousand generated bodies, fixed seed, through each real
// host over a real socket. Whatever arrives, the gateway must not crash, must answer every
// failure with an OpenAI-style JSON error whose status fits its code, and must go on serving.
import fc from 'fast-check';
import { ERROR_CODES } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamConfig } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';

const SEED = 20_260_701;
/** Bodies per host: thousands in all, a few seconds. */
const RUNS: Record<string, number> = { standalone: 1_000, express: 600, koa: 600 };
const PATHS = ['/v1/chat/completions', '/v1/responses', '/v1/embeddings'] as const;

/** Mostly the shape of a real request, with any value where a value goes. */
const anyValue = fc.jsonValue({ maxDepth: 4 });
const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool', 'developer'), fc.string()),
    content: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constantFrom('text', 'image_url', 'input_text', 'bogus'), text: fc.string() })), anyValue),
    name: fc.string(),
    tool_call_id: fc.string(),
  },
  { requiredKeys: ['role'] },
);
const requestBody = fc.record(
  {
    model: fc.oneof(fc.constantFrom('gpt-4o-mini', 'text-embedding-3-small', 'no-such-model'), anyValue),
    messages: fc.oneof(fc.array(message, { maxLength: 4 }), anyValue),
    input: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), anyValue),
    stream: fc.oneof(fc.boolean(), anyValue),
    stream_options: fc.oneof(fc.record({ include_usage: fc.boolean() }), anyValue),
    temperature: fc.oneof(fc.double({ min: -1, max: 3, noNaN: true }), anyValue),
    max_tokens: fc.oneof(fc.integer({ min: -10, max: 1_000_000 }), anyValue),
    tools: anyValue,
    response_format: anyValue,
    reasoning_effort: fc.oneof(fc.constantFrom('low', 'high', 'none'), anyValue),
    drop_params: fc.oneof(fc.boolean(), anyValue),
    metadata: anyValue,
    __proto__: anyValue,
    constructor: anyValue,
  },
  { requiredKeys: [] },
);
/** Raw text: any JSON, a real body cut short or with bytes flipped, or no JSON at all. */
const bodyText = fc.oneof(
  { weight: 5, arbitrary: requestBody.map((body) => JSON.stringify(body)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 6 }) },
  { weight: 2, arbitrary: fc.tuple(requestBody, fc.nat()).map(([body, cut]) => { const text = JSON.stringify(body); return text.slice(0, cut % (text.length + 1)); }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  // Nesting from harmless to stack-breaking, in a field that goes upstream.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 8_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
      const close = open === '[' ? ']' : '}';
      return `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"metadata":${open.repeat(depth)}1${close.repeat(depth)}}`;
    }),
  },
);
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/vnd.api+json', 'multipart/form-data') },
  { weight: 1, arbitrary: fc.string().map((text) => text.replace(/[^\x20-\x7e]/g, '')) },
);

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());

describe.each(ALL_HOSTS)('fuzzed bodies through the %s host', (name, startHost) => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ config: upstreamConfig(upstream.url) });
  });
  afterAll(() => host?.close());

  it(`survives ${RUNS[name]} generated bodies (seed ${SEED}) and serves the next request`, async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), bodyText, contentType, async (path, text, type) => {
        const response = await fetch(`${host.gatewayUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': type, authorization: 'Bearer sk-master' },
          body: text,
        });
        const payload = await response.text();
        if (response.status < 400) return;
        // Fake upstream errors keep their status; everything else is the gateway's own refusal of bad input.
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const error = JSON.parse(payload).error;
        expect(error).toEqual({ message: expect.any(String), type: expect.any(String), param: expect.toBeOneOf([null, expect.any(String)]), code: expect.any(String) });
        const known = (ERROR_CODES as Record<string, { status: number }>)[error.code];
        if (known !== undefined && error.type !== 'upstream_error') expect(response.status).toBe(known.status);
      }),
      { seed: SEED, numRuns: RUNS[name], endOnFailure: true },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    const after = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'still there?' }] }),
    });
    expect(after.status).toBe(200);
  }, 60_000);
});
