// Issue 4 over real sockets: the x-switchyard-response-cost header against hand computations
// from the shipped prices, and one onCost event per request whatever its outcome.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { CostRecorder } from './support/cost-events.js';
import { chatCompletion, FakeUpstream, sendJson } from './support/fake-upstream.js';
import { HOSTS, startExpressHost, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, modelsConfig, postJson } from './support/model-config.js';
import { sendResponsesEvents } from './support/upstream-streams.js';

const COST_HEADER = 'x-switchyard-response-cost';
const HI = [{ role: 'user' as const, content: 'Hi' }];

/*
 * Rates used below, USD per token, as shipped in schemas/capabilities/openai.json (LiteLLM's map):
 * gpt-4o-mini  input 1.5e-7, output 6e-7
 * gpt-5.5      input 5e-6, cached 5e-7, output 3e-5;
 *              above 272,000 input tokens: input 1e-5, cached 1e-6, output 4.5e-5;
 *              flex: input 2.5e-6, cached 2.5e-7, output 1.5e-5
 * gpt-5.5-pro  input 3e-5, output 1.8e-4
 * text-embedding-3-small  input 2e-8
 * The fake upstream's default usage: chat 12 prompt + 3 completion; Responses 10 input + 4 output.
 */
const GPT_4O_MINI_DEFAULT_COST = '0.0000036'; // 12 × 1.5e-7 + 3 × 6e-7 = 0.0000018 + 0.0000018

function models(apiBase: string) {
  return [
    modelEntry(apiBase, 'gpt-4o-mini', 'openai/gpt-4o-mini'),
    modelEntry(apiBase, 'gpt-5.5', 'openai/gpt-5.5'),
    modelEntry(apiBase, 'gpt-5.5-pro', 'openai/gpt-5.5-pro'),
    modelEntry(apiBase, 'private', 'openai/my-private-finetune'),
    modelEntry(apiBase, 'house-model', 'openai/house-model', {}, { mode: 'chat', limits: { max_output_tokens: 1000 } }),
    modelEntry(apiBase, 'priced-finetune', 'openai/ft:gpt-4.1:acme::abc', { input_cost_per_token: 3e-6, output_cost_per_token: 1.2e-5 }),
    modelEntry(apiBase, 'gpt-5.5-reasoning-rate', 'openai/gpt-5.5', {}, { output_cost_per_reasoning_token: 1e-4 }),
    modelEntry(apiBase, 'error-429', 'openai/error-429'),
    modelEntry(apiBase, 'endless-stream', 'openai/endless-stream'),
    modelEntry(apiBase, 'hang', 'openai/hang', { timeout: 5 }),
    modelEntry(apiBase, 'text-embedding-3-small', 'openai/text-embedding-3-small'),
    // A chat-only server priced by its deployment: /v1/responses is bridged to chat/completions.
    modelEntry(apiBase, 'local-llama', 'hosted_vllm/llama-3.1-8b', { input_cost_per_token: 1e-7, output_cost_per_token: 2e-7 }, {
      mode: 'chat',
      endpoints: ['chat.completions'],
    }),
    // gpt-5.6's cache-write rate in LiteLLM's map (gpt-5.5 has none there).
    modelEntry(apiBase, 'gpt-5.5-cache-write', 'openai/gpt-5.5', {}, { cache_creation_input_token_cost: 6.25e-6 }),
    // Billed for EU data residency: gpt-5.5's regional_uplift.eu is 1.1 (LiteLLM's regional_processing_uplift_multiplier_eu).
    modelEntry(apiBase, 'gpt-5.5-eu', 'openai/gpt-5.5', {}, { region: 'eu' }),
  ];
}

/** Chat usage as OpenAI reports it: prompt includes cached, completion includes reasoning. */
function usage(prompt: number, completion: number, cached = 0, reasoning = 0) {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

describe.each(HOSTS)('cost through the %s host', (name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;
  const recorder = new CostRecorder();
  let requestCount = 0;
  /** A fresh x-request-id per request, to find its cost event. */
  const nextId = () => `cost-${name}-${++requestCount}`;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({ config: modelsConfig(models(upstream.url)), onCost: recorder.listener });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  /** Makes the upstream answer chat completions with this usage (and service tier). */
  const answerWith = (answerUsage: object, serviceTier?: string) =>
    upstream.handle((request, response) => {
      if (request.path !== '/v1/chat/completions' || request.body.stream) return false;
      sendJson(response, 200, { ...chatCompletion(request.body.model), usage: answerUsage, ...(serviceTier ? { service_tier: serviceTier } : {}) });
      return true;
    });

  /** The cost header of one non-streaming chat request, and its single cost event. */
  async function priced(model: string, body: Record<string, unknown> = {}) {
    const id = nextId();
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model, messages: HI, ...body }, { 'x-request-id': id }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(id);
    return { header: response.headers.get(COST_HEADER), event: await recorder.eventFor(id) };
  }

  describe('x-switchyard-response-cost, worked by hand', () => {
    const cases: [string, string, object, string][] = [
      ['gpt-4o-mini, the default usage', 'gpt-4o-mini', usage(12, 3), GPT_4O_MINI_DEFAULT_COST],
      // 1000 × 5e-6 + 200 × 3e-5 = 0.005 + 0.006
      ['gpt-5.5, plain', 'gpt-5.5', usage(1000, 200), '0.011'],
      // (1000 − 400) × 5e-6 + 400 × 5e-7 + 200 × 3e-5 = 0.003 + 0.0002 + 0.006
      ['gpt-5.5, 400 cached tokens', 'gpt-5.5', usage(1000, 200, 400), '0.0092'],
      // Reasoning tokens are part of completion_tokens: priced once at the output rate (not 0.0155).
      ['gpt-5.5, 150 reasoning tokens', 'gpt-5.5', usage(1000, 200, 0, 150), '0.011'],
      // 272,000 is not above the tier: 272000 × 5e-6 + 1000 × 3e-5 = 1.36 + 0.03
      ['gpt-5.5, exactly 272,000 prompt tokens', 'gpt-5.5', usage(272_000, 1000), '1.39'],
      // 272,001 is above: the whole request at tier rates, 272001 × 1e-5 + 1000 × 4.5e-5 = 2.72001 + 0.045
      ['gpt-5.5, 272,001 prompt tokens', 'gpt-5.5', usage(272_001, 1000), '2.76501'],
      // Tier with cache: 200000 × 1e-5 + 72001 × 1e-6 + 1000 × 4.5e-5 = 2 + 0.072001 + 0.045
      ['gpt-5.5, 272,001 prompt tokens of which 72,001 cached', 'gpt-5.5', usage(272_001, 1000, 72_001), '2.117001'],
      // A separate reasoning rate: 1000 × 5e-6 + (200 − 150) × 3e-5 + 150 × 1e-4 = 0.005 + 0.0015 + 0.015
      ['a deployment with its own reasoning rate', 'gpt-5.5-reasoning-rate', usage(1000, 200, 0, 150), '0.0215'],
      // LiteLLM price keys in litellm_params price a model without capability data: 12 × 3e-6 + 3 × 1.2e-5
      ['a fine-tune priced in litellm_params', 'priced-finetune', usage(12, 3), '0.000072'],
      // The spec's cache_write_tokens at the cache-write rate: 700 × 5e-6 + 300 × 6.25e-6 + 70 × 3e-5
      // = 0.0035 + 0.001875 + 0.0021 (billed as plain input it was 0.0071)
      [
        'cache_write_tokens at the cache-write rate',
        'gpt-5.5-cache-write',
        { ...usage(1000, 70), prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 300 } },
        '0.007475',
      ],
      // EU data residency: (1000 × 5e-6 + 200 × 3e-5) × 1.1 = 0.011 × 1.1
      ['a deployment billed for EU data residency', 'gpt-5.5-eu', usage(1000, 200), '0.0121'],
    ];
    it.each(cases)('%s', async (_label, model, answerUsage, expected) => {
      answerWith(answerUsage);
      const { header, event } = await priced(model);
      expect(header).toBe(expected);
      expect(event.cost).toBe(expected);
    });

    it('prices a flex answer at flex rates', async () => {
      // (1000 − 400) × 2.5e-6 + 400 × 2.5e-7 + 200 × 1.5e-5 = 0.0015 + 0.0001 + 0.003
      answerWith(usage(1000, 200, 400), 'flex');
      const { header, event } = await priced('gpt-5.5', { service_tier: 'flex' });
      expect(header).toBe('0.0046');
      expect(event.serviceTier).toBe('flex');
    });

    it('prices service_tier "fast" as priority when the answer names no tier', async () => {
      // 1000 × 1e-5 + 200 × 6e-5 = 0.01 + 0.012 (priority rates; standard would be 0.011)
      answerWith(usage(1000, 200));
      const { header } = await priced('gpt-5.5', { service_tier: 'fast' });
      expect(header).toBe('0.022');
    });

    it('prices a bridged gpt-5.5-pro answer from its Responses usage', async () => {
      // 10 × 3e-5 + 4 × 1.8e-4 = 0.0003 + 0.00072
      const { header, event } = await priced('gpt-5.5-pro');
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      expect(header).toBe('0.00102');
      expect(event.usage).toEqual({ inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 4, reasoningTokens: 0 });
    });

    it('prices the Responses API (10 × 5e-6 + 4 × 3e-5 for gpt-5.5)', async () => {
      const { response } = await client.responses.create({ model: 'gpt-5.5', input: 'Hi' }).withResponse();
      expect(response.headers.get(COST_HEADER)).toBe('0.00017');
    });

    it('prices a Responses request bridged to a chat-only server from its chat usage', async () => {
      // 12 × 1e-7 + 3 × 2e-7 = 0.0000012 + 0.0000006
      const { response } = await client.responses.create({ model: 'local-llama', input: 'Hi' }).withResponse();
      expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
      expect(response.headers.get(COST_HEADER)).toBe('0.0000018');
    });

    it('a chat-only server that reports no usage: usage null and cost null, never $0', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/chat/completions') return false;
        const { usage: _omitted, ...completion } = chatCompletion(request.body.model) as Record<string, unknown>;
        sendJson(response, 200, completion);
        return true;
      });
      const id = nextId();
      const response = await fetch(`${host.gatewayUrl}/v1/responses`, postJson({ model: 'local-llama', input: 'Hi' }, { 'x-request-id': id }));
      expect(response.status).toBe(200);
      expect((await readJson(response)).usage).toBeNull();
      expect(response.headers.get(COST_HEADER)).toBeNull();
      expect((await recorder.eventFor(id)).cost).toBeNull();
    });

    it('prices embeddings from input tokens only', async () => {
      // The fake upstream reports 4 prompt tokens: 4 × 2e-8
      const id = nextId();
      const { response } = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' }, { headers: { 'x-request-id': id } }).withResponse();
      expect(response.headers.get(COST_HEADER)).toBe('0.00000008');
      expect(await recorder.eventFor(id)).toMatchObject({ endpoint: 'embeddings', outcome: 'success', cost: '0.00000008' });
    });
  });

  describe('unpriced models', () => {
    it.each(['private', 'house-model'])('%s: no header and cost null in the event, never 0', async (model) => {
      const { header, event } = await priced(model);
      expect(header).toBeNull();
      expect(event).toMatchObject({ outcome: 'success', cost: null, usage: { inputTokens: 12, outputTokens: 3 } });
    });
  });

  describe('onCost events', () => {
    it('one success event with every field', async () => {
      const id = nextId();
      const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }, { headers: { 'x-request-id': id } }).withResponse();
      expect(response.headers.get(COST_HEADER)).toBe(GPT_4O_MINI_DEFAULT_COST);
      const event = await recorder.eventFor(id);
      expect(event).toEqual({
        requestId: id,
        endpoint: 'chat.completions',
        model: 'gpt-4o-mini',
        deployment: expect.stringMatching(/^gpt\-4o\-mini-[0-9a-f]{10}$/),
        provider: 'openai',
        stream: false,
        status: 200,
        outcome: 'success',
        errorCode: null,
        usage: { inputTokens: 12, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 3, reasoningTokens: 0 },
        cost: GPT_4O_MINI_DEFAULT_COST,
        serviceTier: null,
        durationMs: expect.any(Number),
        overheadMs: expect.any(Number),
        timeToFirstTokenMs: null,
        cache: null,
        attempts: [expect.objectContaining({ status: 200, errorCode: null, fallback: false })],
      });
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    });

    it('one error event for an upstream 429, with its status and code and no cost', async () => {
      const id = nextId();
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'error-429', messages: HI }, { 'x-request-id': id }));
      expect(response.status).toBe(429);
      expect(response.headers.get(COST_HEADER)).toBeNull();
      const code = (await readJson(response)).error.code;
      expect(await recorder.eventFor(id)).toMatchObject({
        model: 'error-429',
        deployment: expect.stringMatching(/^error\-429-[0-9a-f]{10}$/),
        status: 429,
        outcome: 'error',
        errorCode: code,
        usage: null,
        cost: null,
      });
    });

    it('one error event for a validation failure; the upstream is never called', async () => {
      const id = nextId();
      const response = await fetch(
        `${host.gatewayUrl}/v1/chat/completions`,
        postJson({ model: 'gpt-5.5', messages: HI, reasoning_effort: 'minimal' }, { 'x-request-id': id }),
      );
      expect(response.status).toBe(400);
      expect(await recorder.eventFor(id)).toMatchObject({
        model: 'gpt-5.5',
        deployment: expect.stringMatching(/^gpt\-5\.5-[0-9a-f]{10}$/),
        status: 400,
        outcome: 'error',
        errorCode: 'unsupported_value',
        usage: null,
        cost: null,
      });
      expect(upstream.requests).toHaveLength(0);
    });

    it('one error event for an unknown model, with no deployment', async () => {
      const id = nextId();
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'nope', messages: HI }, { 'x-request-id': id }));
      expect(response.status).toBe(404);
      expect(await recorder.eventFor(id)).toMatchObject({ model: 'nope', deployment: null, status: 404, outcome: 'error', errorCode: 'model_not_found', cost: null });
    });

    it('one aborted event when the client leaves a stream midway', async () => {
      const id = nextId();
      const controller = new AbortController();
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        ...postJson({ model: 'endless-stream', messages: HI, stream: true }, { 'x-request-id': id }),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      await reader.read();
      controller.abort();
      expect(await recorder.eventFor(id)).toMatchObject({
        model: 'endless-stream',
        stream: true,
        status: 200,
        outcome: 'aborted',
        errorCode: 'client_closed_request',
        cost: null,
      });
    });

    it('one aborted event when the client leaves a stream before its first byte', async () => {
      const id = nextId();
      const controller = new AbortController();
      const pending = fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        ...postJson({ model: 'hang', messages: HI, stream: true }, { 'x-request-id': id }),
        signal: controller.signal,
      }).catch(() => undefined);
      await expect.poll(() => upstream.requests.length).toBe(1);
      controller.abort();
      await pending;
      expect(await recorder.eventFor(id)).toMatchObject({ model: 'hang', stream: true, outcome: 'aborted', errorCode: 'client_closed_request', cost: null });
    });

    it('the duration of a stream runs to its end', async () => {
      upstream.handle(async (request, response) => {
        if (request.path !== '/v1/chat/completions') return false;
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const base = { id: 'chatcmpl-slow', object: 'chat.completion.chunk', created: 1_700_000_000, model: request.body.model };
        response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'slow' }, finish_reason: null }] })}\n\n`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        response.write(`data: ${JSON.stringify({ ...base, choices: [], usage: usage(12, 3) })}\n\n`);
        response.end('data: [DONE]\n\n');
        return true;
      });
      const id = nextId();
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI, stream: true }, { headers: { 'x-request-id': id } });
      for await (const _chunk of stream) void _chunk;
      const event = await recorder.eventFor(id);
      expect(event.durationMs).toBeGreaterThanOrEqual(240);
      expect(event.cost).toBe(GPT_4O_MINI_DEFAULT_COST);
    });

    it('a stream the client asked no usage for: no usage chunk for the client, usage and cost in the event', async () => {
      const id = nextId();
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI, stream: true }, { headers: { 'x-request-id': id } });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hello from upstream');
      expect(chunks.some((chunk) => chunk.choices.length === 0 || chunk.usage)).toBe(false);
      // The gateway asked the upstream for usage on the client's behalf.
      expect(upstream.requests[0]?.body.stream_options).toEqual({ include_usage: true });
      expect(await recorder.eventFor(id)).toMatchObject({
        stream: true,
        outcome: 'success',
        usage: { inputTokens: 12, outputTokens: 3 },
        cost: GPT_4O_MINI_DEFAULT_COST,
      });
    });

    it('a stream the client asked usage for: the client gets the usage chunk, the event the cost', async () => {
      const id = nextId();
      const stream = await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: HI, stream: true, stream_options: { include_usage: true } },
        { headers: { 'x-request-id': id } },
      );
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 3 } });
      expect(await recorder.eventFor(id)).toMatchObject({ stream: true, outcome: 'success', cost: GPT_4O_MINI_DEFAULT_COST });
    });

    it('a bridged stream is priced at its end from the Responses usage', async () => {
      const id = nextId();
      const stream = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI, stream: true }, { headers: { 'x-request-id': id } });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
      expect(await recorder.eventFor(id)).toMatchObject({ stream: true, outcome: 'success', usage: { inputTokens: 10, outputTokens: 4 }, cost: '0.00102' });
    });

    it('a stream whose client set include_usage: false still gets no usage chunk and is still priced', async () => {
      const id = nextId();
      const response = await fetch(
        `${host.gatewayUrl}/v1/chat/completions`,
        postJson({ model: 'gpt-4o-mini', messages: HI, stream: true, stream_options: { include_usage: false } }, { 'x-request-id': id }),
      );
      const text = await response.text();
      expect(text).toContain('Hello');
      expect(text).not.toContain('prompt_tokens');
      expect(upstream.requests[0]?.body.stream_options).toEqual({ include_usage: true });
      expect(await recorder.eventFor(id)).toMatchObject({ stream: true, outcome: 'success', cost: GPT_4O_MINI_DEFAULT_COST });
    });

    it('a stream that fails midway: one error event with the 200 the client already got', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/responses') return false;
        const started = { id: 'resp_failed', object: 'response', created_at: 1_700_000_000, status: 'in_progress', model: request.body.model, output: [] };
        sendResponsesEvents(response, [
          { type: 'response.created', response: started },
          { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hel' },
          { type: 'response.failed', response: { ...started, status: 'failed', error: { code: 'server_error', message: 'The model crashed.' } } },
        ]);
        return true;
      });
      const id = nextId();
      const stream = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI, stream: true }, { headers: { 'x-request-id': id } });
      const failure = await (async () => {
        for await (const _chunk of stream) void _chunk;
      })().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(await recorder.eventFor(id)).toMatchObject({ stream: true, status: 200, outcome: 'error', cost: null });
    });

    it('a Responses stream is priced from response.completed', async () => {
      const id = nextId();
      const stream = await client.responses.create({ model: 'gpt-5.5', input: 'Hi', stream: true }, { headers: { 'x-request-id': id } });
      for await (const _event of stream) void _event;
      expect(await recorder.eventFor(id)).toMatchObject({ endpoint: 'responses', stream: true, outcome: 'success', cost: '0.00017' });
    });

    it('a Responses stream bridged to a chat-only server is priced from the chat usage', async () => {
      const id = nextId();
      const stream = await client.responses.create({ model: 'local-llama', input: 'Hi', stream: true }, { headers: { 'x-request-id': id } });
      for await (const _event of stream) void _event;
      expect(await recorder.eventFor(id)).toMatchObject({ endpoint: 'responses', stream: true, outcome: 'success', usage: { inputTokens: 12, outputTokens: 3 }, cost: '0.0000018' });
    });
  });
});

describe('a cost listener that throws or stalls', () => {
  it('changes nothing for the request', async () => {
    const upstream = await FakeUpstream.start();
    let calls = 0;
    const host = await startExpressHost({
      config: modelsConfig([modelEntry(upstream.url, 'gpt-4o-mini', 'openai/gpt-4o-mini')]),
      onCost: (event) => {
        calls += 1;
        if (event.stream) return new Promise<void>(() => {}); // never settles
        throw new Error('listener exploded');
      },
    });
    try {
      const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
      expect(completion.choices[0]?.message.content).toBe('Hello from upstream');
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Hello from upstream');
      const again = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
      expect(again.choices[0]?.message.content).toBe('Hello from upstream');
      await expect.poll(() => calls).toBe(3);
    } finally {
      await host.close();
      await upstream.close();
    }
  });
});
