import { randomBytes } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { startTracing, type Tracing } from '@switchyard/server';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOtlpCollector, type CollectedSpan } from './support/fake-otlp-collector.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, startStandaloneHost, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, modelsConfig } from './support/model-config.js';

const SERVER = 2; // OTLP SpanKind
const CLIENT = 3;

let collector: FakeOtlpCollector;
let tracing: Tracing;

beforeAll(async () => {
  collector = await FakeOtlpCollector.start();
  // The standalone server's own SDK setup, as `callbacks: ["otel"]` starts it, exporting to the fake collector.
  tracing = startTracing({ exporters: ['otel'], env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'switchyard-test' } });
});
afterAll(async () => {
  await tracing.shutdown();
  await collector.close();
});

function traceparent(): { header: string; traceId: string; parentId: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${parentId}-01`, traceId, parentId };
}

async function spansOf(traceId: string, count: number): Promise<CollectedSpan[]> {
  await expect
    .poll(async () => {
      await tracing.flush();
      return collector.spans.filter((span) => span.traceId === traceId).length;
    })
    .toBeGreaterThanOrEqual(count);
  return collector.spans.filter((span) => span.traceId === traceId);
}

describe.each(ALL_HOSTS)('OpenTelemetry traces through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({
      config: modelsConfig([modelEntry(upstream.url, 'gpt-4o-mini', 'openai/gpt-4o-mini'), modelEntry(upstream.url, 'primary', 'openai/error-500')], {
        litellm_settings: { callbacks: ['otel'] },
        router_settings: { num_retries: 0, fallbacks: [{ primary: ['gpt-4o-mini'] }] },
      }),
    });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });

  const client = (header: string) => new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0, defaultHeaders: { traceparent: header } });

  it('continues the caller’s trace: one server span with GenAI attributes, a client span per attempt, traceparent sent upstream', async () => {
    const incoming = traceparent();
    upstream.reset();
    await client(incoming.header).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'trace me' }] });
    const sent = upstream.requests[0]?.headers.traceparent as string;
    expect(sent).toMatch(new RegExp(`^00-${incoming.traceId}-[0-9a-f]{16}-01$`));
    const spans = await spansOf(incoming.traceId, 2);
    const server = spans.find((span) => span.kind === SERVER)!;
    const attempt = spans.find((span) => span.kind === CLIENT)!;
    expect(server.parentSpanId).toBe(incoming.parentId);
    expect(server.name).toBe('chat');
    expect(server.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['stop'],
      'http.response.status_code': 200,
    });
    expect(attempt.parentSpanId).toBe(server.spanId);
    expect(attempt.name).toBe('chat gpt-4o-mini');
    // The upstream saw the attempt span as its parent.
    expect(sent.split('-')[2]).toBe(attempt.spanId);
  });

  it('a fallback shows two attempt spans, the failed one marked as an error', async () => {
    const incoming = traceparent();
    await client(incoming.header).chat.completions.create({ model: 'primary', messages: [{ role: 'user', content: 'fall back' }] });
    const spans = await spansOf(incoming.traceId, 3);
    const attempts = spans.filter((span) => span.kind === CLIENT);
    expect(attempts).toHaveLength(2);
    expect(attempts.map((span) => span.attributes['http.response.status_code']).sort()).toEqual([200, 500]);
    expect(attempts.find((span) => span.attributes['http.response.status_code'] === 500)?.status).toBe(2); // STATUS_CODE_ERROR
    expect(spans.find((span) => span.kind === SERVER)?.attributes['switchyard.attempts']).toBe(2);
  });

  it('a stream’s span ends with the stream, carrying its usage', async () => {
    const incoming = traceparent();
    const stream = await client(incoming.header).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'stream' }], stream: true });
    for await (const _chunk of stream);
    const spans = await spansOf(incoming.traceId, 2);
    expect(spans.find((span) => span.kind === SERVER)?.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.model': 'gpt-4o-mini' });
  });

  it('starts a new trace without a traceparent, and a failed request gets an error span', async () => {
    const before = collector.spans.length;
    await expect(client('garbage').chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
    await expect
      .poll(async () => {
        await tracing.flush();
        return collector.spans.slice(before).find((span) => span.attributes['error.type'] === 'model_not_found');
      })
      .toBeDefined();
    // Refused before the cost stage (no key): the span still ends, with the status.
    const refused = traceparent();
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, { method: 'POST', headers: { traceparent: refused.header, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    const [span] = await spansOf(refused.traceId, 1);
    expect(span).toMatchObject({ kind: SERVER, parentSpanId: refused.parentId, attributes: expect.objectContaining({ 'http.response.status_code': 401, 'error.type': '401' }) });
  });
});

describe('the langfuse callback', () => {
  it('sends the spans to Langfuse’s OTel endpoint with basic auth from LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY', async () => {
    // One global SDK per process: stop the otel one and start the Langfuse exporter in its place.
    await tracing.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    tracing = startTracing({ exporters: ['langfuse'], env: { LANGFUSE_PUBLIC_KEY: 'pk-lf-test', LANGFUSE_SECRET_KEY: 'sk-lf-test', LANGFUSE_HOST: `${collector.url}/` } });
    const upstream = await FakeUpstream.start();
    const host = await startStandaloneHost({
      config: modelsConfig([modelEntry(upstream.url, 'gpt-4o-mini', 'openai/gpt-4o-mini')], { litellm_settings: { success_callback: ['langfuse'] } }),
    });
    try {
      const incoming = traceparent();
      await new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0, defaultHeaders: { traceparent: incoming.header } }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'to langfuse' }],
      });
      await spansOf(incoming.traceId, 2);
      const post = collector.posts.at(-1)!;
      expect(post.path).toBe('/api/public/otel/v1/traces');
      expect(post.headers.authorization).toBe(`Basic ${Buffer.from('pk-lf-test:sk-lf-test').toString('base64')}`);
    } finally {
      await host.close();
      await upstream.close();
    }
  });
});
