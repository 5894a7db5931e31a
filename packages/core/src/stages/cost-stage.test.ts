import { describe, expect, it } from 'vitest';
import type { CostEvent } from '../cost/cost-event.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createGateway } from '../gateway/create-gateway.js';
import type { GatewayOptions } from '../gateway/gateway-options.js';
import { SSE_DONE, type GatewayResponse, type SseEvent } from '../http/gateway-response.js';
import type { Logger } from '../logging/logger.js';
import type { ProviderCall, ProviderPlugin } from '../providers/provider.js';

const USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 300,
  total_tokens: 1500,
  prompt_tokens_details: { cached_tokens: 1024 },
  completion_tokens_details: { reasoning_tokens: 100 },
};
// 176 × 5e-6 + 1,024 × 5e-7 + 300 × 3e-5 = 0.00088 + 0.000512 + 0.009
const USAGE_COST = '0.010392';

const CONFIG = {
  model_list: [
    {
      model_name: 'priced',
      litellm_params: { model: 'fake/priced-model' },
      model_info: {
        id: 'priced-1',
        input_cost_per_token: 5e-6,
        cache_read_input_token_cost: 5e-7,
        output_cost_per_token: 3e-5,
        output_cost_per_token_flex: 1.5e-5,
        input_cost_per_token_flex: 2.5e-6,
      },
    },
    { model_name: 'private-finetune', litellm_params: { model: 'fake/ft-unpriced-model' } },
    { model_name: 'embedder', litellm_params: { model: 'fake/embed-model', input_cost_per_token: 2e-8 } },
    // mode responses: chat requests are bridged to the Responses API.
    { model_name: 'pro', litellm_params: { model: 'fake/pro-model' }, model_info: { mode: 'responses', input_cost_per_token: 3e-5, output_cost_per_token: 1.8e-4 } },
  ],
};

type Handler = (call: ProviderCall) => GatewayResponse | Promise<GatewayResponse>;

interface Harness {
  readonly calls: ProviderCall[];
  readonly events: CostEvent[];
  readonly warnings: string[];
  readonly errors: string[];
  request(path: string, body: unknown, signal?: AbortSignal): Promise<GatewayResponse>;
}

function harness(handler: Handler, options: Partial<GatewayOptions> = {}): Harness {
  const calls: ProviderCall[] = [];
  const events: CostEvent[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (_object, message) => warnings.push(message ?? ''),
    error: (_object, message) => errors.push(message ?? ''),
  };
  const fake: ProviderPlugin = {
    name: 'fake',
    create: () => ({
      endpoints: new Set(['chat.completions', 'responses', 'embeddings']),
      send: async (call) => {
        calls.push(call);
        return handler(call);
      },
    }),
  };
  const gateway = createGateway({ config: CONFIG, providers: [fake], logger, onCost: (event) => void events.push(event), ...options });
  return {
    calls,
    events,
    warnings,
    errors,
    request: (path, body, signal = new AbortController().signal) =>
      gateway.handle({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body, signal }),
  };
}

const json = (body: unknown, status = 200): GatewayResponse => ({ kind: 'json', status, headers: {}, body });
const stream = (events: SseEvent[]): GatewayResponse => ({ kind: 'stream', status: 200, headers: {}, events: toAsync(events) });

async function* toAsync(events: SseEvent[]): AsyncGenerator<SseEvent> {
  for (const event of events) yield event;
}

async function collect(response: GatewayResponse): Promise<SseEvent[]> {
  if (response.kind !== 'stream') throw new Error(`expected a stream, got ${JSON.stringify(response.body)}`);
  const events: SseEvent[] = [];
  for await (const event of response.events) events.push(event);
  return events;
}

/** Cost listeners run on a later turn of the event loop. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const chatBody = (extra: Record<string, unknown> = {}) => ({ model: 'priced', messages: [{ role: 'user', content: 'hi' }], ...extra });
const completion = (extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'priced-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: USAGE,
  ...extra,
});

function chatChunks(withUsage: boolean): SseEvent[] {
  const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'priced-model' };
  const usageNull = withUsage ? { usage: null } : {};
  return [
    { data: { ...base, ...usageNull, choices: [{ index: 0, delta: { role: 'assistant', content: 'hel' }, finish_reason: null }] } },
    { data: { ...base, ...usageNull, choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }] } },
    ...(withUsage ? [{ data: { ...base, choices: [], usage: USAGE } }] : []),
    { data: SSE_DONE },
  ];
}

/** A fake upstream that honours include_usage, as OpenAI does. */
const chatStreamUpstream: Handler = (call) => {
  const options = call.body.stream_options as { include_usage?: boolean } | undefined;
  return stream(chatChunks(options?.include_usage === true));
};

describe('cost stage: JSON responses', () => {
  it('puts the exact cost in x-switchyard-response-cost and emits one event', async () => {
    const gateway = harness(() => json(completion()));
    const response = await gateway.request('/v1/chat/completions', chatBody());
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-response-cost']).toBe(USAGE_COST);
    await settle();
    expect(gateway.events).toEqual([
      {
        requestId: expect.any(String),
        endpoint: 'chat.completions',
        model: 'priced',
        deployment: 'priced-1',
        provider: 'fake',
        stream: false,
        status: 200,
        outcome: 'success',
        errorCode: null,
        usage: { inputTokens: 1200, cachedInputTokens: 1024, cacheWriteTokens: 0, outputTokens: 300, reasoningTokens: 100 },
        cost: USAGE_COST,
        serviceTier: null,
        durationMs: expect.any(Number),
        overheadMs: expect.any(Number),
        timeToFirstTokenMs: null,
        cache: null,
        attempts: [expect.objectContaining({ status: 200, errorCode: null, fallback: false })],
      },
    ]);
    expect(JSON.parse(JSON.stringify(gateway.events[0]))).toEqual(gateway.events[0]);
  });

  it('prices at the service tier the response reports', async () => {
    const gateway = harness(() => json(completion({ service_tier: 'flex', usage: { prompt_tokens: 1000, completion_tokens: 100 } })));
    const response = await gateway.request('/v1/chat/completions', chatBody({ service_tier: 'auto' }));
    // 1,000 × 2.5e-6 + 100 × 1.5e-5
    expect(response.headers['x-switchyard-response-cost']).toBe('0.004');
    await settle();
    expect(gateway.events[0]?.serviceTier).toBe('flex');
  });

  it('prices embeddings from litellm_params prices', async () => {
    const gateway = harness(() => json({ object: 'list', data: [], model: 'embed-model', usage: { prompt_tokens: 12345, total_tokens: 12345 } }));
    const response = await gateway.request('/v1/embeddings', { model: 'embedder', input: 'text' });
    expect(response.headers['x-switchyard-response-cost']).toBe('0.0002469');
  });

  it('prices Responses API usage', async () => {
    const gateway = harness(() =>
      json({ id: 'resp_1', object: 'response', status: 'completed', output: [], usage: { input_tokens: 1200, input_tokens_details: { cached_tokens: 1024 }, output_tokens: 300 } }),
    );
    const response = await gateway.request('/v1/responses', { model: 'priced', input: 'hi' });
    expect(response.headers['x-switchyard-response-cost']).toBe(USAGE_COST);
  });

  it('leaves the header out for a model without a price, reports cost null and warns once', async () => {
    const gateway = harness(() => json(completion()));
    for (let index = 0; index < 2; index++) {
      const response = await gateway.request('/v1/chat/completions', chatBody({ model: 'private-finetune' }));
      expect(response.status).toBe(200);
      expect(response.headers).not.toHaveProperty('x-switchyard-response-cost');
    }
    await settle();
    expect(gateway.events.map((event) => [event.cost, event.usage?.inputTokens])).toEqual([
      [null, 1200],
      [null, 1200],
    ]);
    expect(gateway.warnings.filter((warning) => warning.includes('has no price'))).toHaveLength(1);
  });
});

describe('cost stage: streams', () => {
  it('asks the upstream for usage, removes the usage chunk the client did not ask for, prices at the end', async () => {
    const gateway = harness(chatStreamUpstream);
    const events = await collect(await gateway.request('/v1/chat/completions', chatBody({ stream: true })));
    expect(gateway.calls[0]?.body.stream_options).toEqual({ include_usage: true });
    expect(events.some((event) => typeof event.data === 'object' && (event.data as { usage?: unknown }).usage != null)).toBe(false);
    expect(events.map((event) => (event.data === SSE_DONE ? SSE_DONE : (event.data as { choices: unknown[] }).choices.length))).toEqual([1, 1, SSE_DONE]);
    await settle();
    expect(gateway.events).toHaveLength(1);
    expect(gateway.events[0]).toMatchObject({ stream: true, outcome: 'success', status: 200, cost: USAGE_COST });
  });

  it('keeps the usage chunk and the client stream_options when the client asked for usage', async () => {
    const gateway = harness(chatStreamUpstream);
    const response = await gateway.request('/v1/chat/completions', chatBody({ stream: true, stream_options: { include_usage: true, include_obfuscation: false } }));
    const events = await collect(response);
    expect(gateway.calls[0]?.body.stream_options).toEqual({ include_usage: true, include_obfuscation: false });
    expect(events.at(-2)?.data).toMatchObject({ choices: [], usage: USAGE });
    await settle();
    expect(gateway.events[0]?.cost).toBe(USAGE_COST);
  });

  it("overrides the client's include_usage: false and still hides the chunk", async () => {
    const gateway = harness(chatStreamUpstream);
    const events = await collect(await gateway.request('/v1/chat/completions', chatBody({ stream: true, stream_options: { include_usage: false } })));
    expect(gateway.calls[0]?.body.stream_options).toEqual({ include_usage: true });
    expect(events).toHaveLength(3);
    await settle();
    expect(gateway.events[0]?.cost).toBe(USAGE_COST);
  });

  it('meters a chat stream bridged to the Responses API and hides its usage chunk', async () => {
    const response = { id: 'resp_1', object: 'response', created_at: 1, model: 'pro-model', status: 'completed', output: [] as unknown[] };
    const message = { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'hi', annotations: [] }] };
    const gateway = harness(() =>
      stream([
        { event: 'response.created', data: { type: 'response.created', response: { ...response, status: 'in_progress', usage: null } } },
        { event: 'response.output_item.added', data: { type: 'response.output_item.added', output_index: 0, item: { ...message, status: 'in_progress', content: [] } } },
        { event: 'response.output_text.delta', data: { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'hi' } },
        { event: 'response.output_item.done', data: { type: 'response.output_item.done', output_index: 0, item: message } },
        { event: 'response.completed', data: { type: 'response.completed', response: { ...response, output: [message], usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110 } } } },
      ]),
    );
    const events = await collect(await gateway.request('/v1/chat/completions', chatBody({ model: 'pro', stream: true })));
    expect(gateway.calls[0]?.endpoint).toBe('responses');
    expect(events.at(-1)?.data).toBe(SSE_DONE);
    expect(events.every((event) => event.data === SSE_DONE || (event.data as { object: string }).object === 'chat.completion.chunk')).toBe(true);
    expect(events.some((event) => (event.data as { usage?: unknown }).usage != null)).toBe(false);
    await settle();
    // 100 × 3e-5 + 10 × 1.8e-4
    expect(gateway.events[0]).toMatchObject({ cost: '0.0048', outcome: 'success', endpoint: 'chat.completions' });
  });

  it('prices a Responses stream from response.completed', async () => {
    const completed = { id: 'resp_1', object: 'response', status: 'completed', output: [], usage: { input_tokens: 10, output_tokens: 2 } };
    const gateway = harness(() =>
      stream([
        { event: 'response.created', data: { type: 'response.created', response: { ...completed, status: 'in_progress', usage: null } } },
        { event: 'response.completed', data: { type: 'response.completed', response: completed } },
      ]),
    );
    const events = await collect(await gateway.request('/v1/responses', { model: 'priced', input: 'hi', stream: true }));
    expect(events).toHaveLength(2);
    expect(gateway.calls[0]?.body.stream_options).toBeUndefined();
    await settle();
    // 10 × 5e-6 + 2 × 3e-5
    expect(gateway.events[0]).toMatchObject({ endpoint: 'responses', cost: '0.00011', outcome: 'success' });
  });

  it('reports a stream the client abandons as aborted, once', async () => {
    const gateway = harness(chatStreamUpstream);
    const response = await gateway.request('/v1/chat/completions', chatBody({ stream: true }));
    if (response.kind !== 'stream') throw new Error('expected a stream');
    for await (const _event of response.events) break;
    await settle();
    expect(gateway.events).toEqual([expect.objectContaining({ outcome: 'aborted', errorCode: 'client_closed_request', cost: null })]);
  });

  it('reports a stream the client leaves before it is read as aborted', async () => {
    const gateway = harness(chatStreamUpstream);
    const controller = new AbortController();
    await gateway.request('/v1/chat/completions', chatBody({ stream: true }), controller.signal);
    controller.abort();
    await settle();
    expect(gateway.events).toEqual([expect.objectContaining({ outcome: 'aborted', stream: true })]);
  });

  it('reports a stream that fails midway as an error', async () => {
    const gateway = harness(() => ({
      kind: 'stream',
      status: 200,
      headers: {},
      events: (async function* () {
        yield chatChunks(false)[0]!;
        throw new GatewayError('upstream_invalid_response', 'bad frame');
      })(),
    }));
    const response = await gateway.request('/v1/chat/completions', chatBody({ stream: true }));
    await expect(collect(response)).rejects.toThrow('bad frame');
    await settle();
    expect(gateway.events).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'upstream_invalid_response', status: 200 })]);
  });
});

describe('cost stage: failures and listeners', () => {
  it('emits one event for an upstream error, with its status and code', async () => {
    const gateway = harness(() => {
      throw new GatewayError('upstream_error', 'rate limited', { status: 429 });
    });
    const response = await gateway.request('/v1/chat/completions', chatBody());
    expect(response.status).toBe(429);
    await settle();
    expect(gateway.events).toEqual([
      expect.objectContaining({ status: 429, outcome: 'error', errorCode: 'upstream_error', cost: null, usage: null, deployment: 'priced-1' }),
    ]);
  });

  it.each([
    ['a code-shaped upstream code', 'rate_limit_exceeded', 'rate_limit_exceeded'],
    ['a key echoed as the code', 'sk-proj-abcdef123456', 'upstream_error'],
    ['a code that is not code-shaped', 'Incorrect API key provided', 'upstream_error'],
  ])('reports %s as the event errorCode only when it holds no credential', async (_label, code, expected) => {
    // A provider plugin that passes the upstream's code on unredacted: the access log stays clean.
    const gateway = harness(() => {
      throw new GatewayError(code, 'upstream said no', { status: 401 });
    });
    await gateway.request('/v1/chat/completions', chatBody());
    await settle();
    expect(gateway.events).toEqual([expect.objectContaining({ status: 401, outcome: 'error', errorCode: expected })]);
  });

  it('emits one event for a request that fails before the provider (unknown model)', async () => {
    const gateway = harness(() => json(completion()));
    const response = await gateway.request('/v1/chat/completions', chatBody({ model: 'nope' }));
    expect(response.status).toBe(404);
    await settle();
    expect(gateway.events).toEqual([expect.objectContaining({ model: 'nope', deployment: null, status: 404, errorCode: 'model_not_found' })]);
    expect(gateway.calls).toHaveLength(0);
  });

  it('emits nothing for local routes', async () => {
    const gateway = harness(() => json(completion()));
    await gateway.request('/v1/health', undefined);
    await settle();
    expect(gateway.events).toHaveLength(0);
  });

  it('a throwing or slow listener neither breaks nor delays the response', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const gateway = harness(() => json(completion()), {
      onCost: () => {
        calls += 1;
        if (calls === 1) throw new Error('listener bug');
        return slow;
      },
    });
    const first = await gateway.request('/v1/chat/completions', chatBody());
    const second = await gateway.request('/v1/chat/completions', chatBody());
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(calls).toBe(0);
    await settle();
    expect(calls).toBe(2);
    expect(gateway.errors).toEqual(['cost listener failed']);
    release();
  });
});
