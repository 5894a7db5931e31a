// Issue 11 over real sockets: the official openai SDK calls an Anthropic deployment through the
// Express and Koa mounts (which register the Anthropic provider by default) against a fake
// Anthropic upstream that plays recorded Messages API payloads. Costs are checked against hand
// computations from the shipped Claude prices (packages/providers/anthropic/src/claude-capabilities.json).
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostRecorder } from './support/cost-events.js';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { HOSTS, type Host } from './support/hosts.js';

const FIXTURES = new URL('../packages/providers/anthropic/src/__fixtures__/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const KEY = 'sk-ant-e2e-FAKE-not-a-key-0123';
const COST_HEADER = 'x-switchyard-response-cost';

/*
 * claude-sonnet-4-5, USD per token: input 3e-6, cache read 3e-7, 5-minute write 3.75e-6,
 * 1-hour write 6e-6, output 1.5e-5 (thinking is billed as output).
 */
// anthropic-thinking-tool-use.json: 50 uncached + 3000 read + 200 5m-write + 1000 1h-write in, 140 out:
// 0.00015 + 0.0009 + 0.00075 + 0.006 + 0.0021
const THINKING_TOOL_USE_COST = '0.0099';
// anthropic-parallel-tools.chunks.txt: 472 uncached + 2048 read in, 89 out: 0.001416 + 0.0006144 + 0.001335
const PARALLEL_STREAM_COST = '0.0033654';
// anthropic-text.json: 12 in, 10 out: 0.000036 + 0.00015
const TEXT_COST = '0.000186';

function sendSse(response: import('node:http').ServerResponse, text: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.end(text);
}

describe.each(HOSTS)('an Anthropic deployment through %s, called with the openai SDK', (_name, startHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;
  const costs = new CostRecorder();

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = await startHost({
      onCost: costs.listener,
      config: {
        model_list: [
          { model_name: 'claude', litellm_params: { model: 'anthropic/claude-sonnet-4-5', api_key: KEY, api_base: upstream.url } },
          { model_name: 'claude-haiku', litellm_params: { model: 'anthropic/claude-haiku-4-5', api_key: KEY, api_base: upstream.url.replace(/\/v1$/, '') } },
        ],
      },
    });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(async () => {
    await host?.close();
    await upstream?.close();
  });
  beforeEach(() => upstream.reset());

  it('answers a chat completion from a Messages call, with the key in x-api-key and max_tokens from the capability data', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, JSON.parse(fixture('anthropic-text.json')));
      return true;
    });
    const { data, response } = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello! How can I help you today?');
    expect(data.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 10, total_tokens: 22 });
    expect(response.headers.get(COST_HEADER)).toBe(TEXT_COST);
    const sent = upstream.requests[0]!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 64000,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
  });

  it('maps reasoning_effort to thinking, returns reasoning_content and parallel tool calls, and prices cache reads and 5m/1h writes exactly', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, JSON.parse(fixture('anthropic-thinking-tool-use.json')));
      return true;
    });
    const { data, response } = await client.chat.completions
      .create({
        model: 'claude',
        reasoning_effort: 'medium',
        messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      })
      .withResponse();
    expect(upstream.requests[0]!.body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    const message = data.choices[0]!.message as OpenAI.ChatCompletionMessage & { reasoning_content?: string; thinking_blocks?: unknown[] };
    expect(data.choices[0]!.finish_reason).toBe('tool_calls');
    expect(message.tool_calls?.map((call) => call.type === 'function' && JSON.parse(call.function.arguments))).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
    expect(message.reasoning_content).toContain('call the tool twice');
    expect(message.thinking_blocks).toEqual([expect.objectContaining({ signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' })]);
    expect(data.usage).toMatchObject({ prompt_tokens: 4250, completion_tokens: 140, prompt_tokens_details: { cached_tokens: 3000 } });
    expect(response.headers.get(COST_HEADER)).toBe(THINKING_TOOL_USE_COST);
  });

  it('carries thinking signatures back unchanged in a tool loop, and cache_control on parts and tools through validation', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, JSON.parse(fixture('anthropic-text.json')));
      return true;
    });
    const thinking = { type: 'thinking', thinking: 'The user wants the weather.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' };
    const messages = [
      { role: 'system', content: [{ type: 'text', text: 'Long policy.', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, thinking_blocks: [thinking], tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
    ];
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } }, cache_control: { type: 'ephemeral' } }];
    // thinking_blocks and cache_control are not in the SDK's types: sent as the wire has them.
    await client.chat.completions.create({ model: 'claude', reasoning_effort: 'low', messages, tools } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const sent = upstream.requests[0]!.body;
    expect(sent.system).toEqual([{ type: 'text', text: 'Long policy.', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
    expect(sent.messages[1]).toEqual({
      role: 'assistant',
      content: [thinking, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
    });
    expect(sent.messages[2]).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' }] });
    expect(sent.tools[0].cache_control).toEqual({ type: 'ephemeral' });
  });

  it('streams parallel tool calls the SDK assembles per index, with usage from the final snapshot and the exact cost', async () => {
    upstream.handle((_request, response) => {
      sendSse(response, fixture('anthropic-parallel-tools.chunks.txt'));
      return true;
    });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'claude', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Weather?' }] })
      .withResponse();
    const calls = new Map<number, { id?: string; name?: string; args: string }>();
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta.content ?? '';
      finish = choice.finish_reason ?? finish;
      for (const delta of choice.delta.tool_calls ?? []) {
        const call = calls.get(delta.index) ?? { args: '' };
        call.id ??= delta.id;
        call.name ??= delta.function?.name;
        call.args += delta.function?.arguments ?? '';
        calls.set(delta.index, call);
      }
    }
    expect(text).toBe('Checking both.');
    expect(finish).toBe('tool_calls');
    expect([...calls.entries()].map(([index, call]) => [index, call.id, JSON.parse(call.args)])).toEqual([
      [0, 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', { city: 'Paris' }],
      [1, 'toolu_02U2y2gK45rBnl3uOUsO8Vq7', { city: 'Tokyo' }],
    ]);
    // message_start said output 2, message_delta 89: the final snapshot, not 91.
    expect(usage).toMatchObject({ prompt_tokens: 2520, completion_tokens: 89 });
    expect(upstream.requests[0]!.body.stream).toBe(true);
    const event = await costs.eventFor(response.headers.get('x-request-id'));
    expect(event.cost).toBe(PARALLEL_STREAM_COST);
  });

  it('ends the SDK stream with an error when an error event arrives inside the 200 stream', async () => {
    upstream.handle((_request, response) => {
      sendSse(response, fixture('anthropic-error-in-stream.chunks.txt'));
      return true;
    });
    const stream = await client.chat.completions.create({ model: 'claude', stream: true, messages: [{ role: 'user', content: 'Hi' }] });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(text).toBe('Partial');
    expect(String(failure)).toMatch(/Overloaded/);
  });

  it('maps overloaded_error 529 to 503 upstream_overloaded, and keeps retry-after on a 429', async () => {
    upstream.handle((_request, response) => {
      if (upstream.requests.length === 1) sendJson(response, 529, JSON.parse(fixture('anthropic-overloaded.json')));
      else sendJson(response, 429, JSON.parse(fixture('anthropic-rate-limit.json')), { 'retry-after': '12' });
      return true;
    });
    const overloaded = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(overloaded).toMatchObject({ status: 503, code: 'upstream_overloaded' });
    const limited = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.APIError);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect((limited as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('12');
  });

  it('serves /v1/responses for an Anthropic model through the bridge', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, JSON.parse(fixture('anthropic-text.json')));
      return true;
    });
    const reply = await client.responses.create({ model: 'claude-haiku', input: 'Hi' });
    expect(reply.output_text).toBe('Hello! How can I help you today?');
    expect(upstream.requests[0]!.path).toBe('/v1/messages');
    expect(upstream.requests[0]!.body.max_tokens).toBeGreaterThan(0);
  });

  it('refuses embeddings for an Anthropic model with a clear 400, without calling the upstream', async () => {
    const failure = await client.embeddings.create({ model: 'claude', input: 'x' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 400, code: 'unsupported_endpoint' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses response_format json_schema on a model without structured outputs before calling the upstream', async () => {
    const failure = await client.chat.completions
      .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } })
      .catch((error: unknown) => error);
    // The capability data marks Haiku 4.5 without structured outputs, so validation's feature gate
    // refuses it (the plugin's own check is the second line of defence for data that does not).
    expect(failure).toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'response_format' });
    expect((failure as Error).message).toContain('response_format');
    expect(upstream.requests).toHaveLength(0);
  });
});
