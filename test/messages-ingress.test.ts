// Issue 11 part 2 over real sockets: Anthropic clients (the official @anthropic-ai/sdk, and
// @ai-sdk/anthropic under `ai`) call `/v1/messages` through the standalone proxy and both mounts.
// An Anthropic deployment is passed through natively (a fake Anthropic upstream replays recorded
// Messages payloads, byte for byte); an OpenAI deployment is translated Messages → Chat and back
// (the fake OpenAI upstream records the Chat request it got). Costs are hand computed from the
// shipped prices (claude-sonnet-4-5: input 3e-6, cache read 3e-7, 5m write 3.75e-6, 1h write 6e-6,
// output 1.5e-5; gpt-4o-mini: input 1.5e-7, output 6e-7 per token).
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostRecorder } from './support/cost-events.js';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, HOSTS, type Host } from './support/hosts.js';
import { LeakScan } from './support/leak-scan.js';

const ANTHROPIC_FIXTURES = new URL('../packages/providers/anthropic/src/__fixtures__/', import.meta.url);
const CHAT_FIXTURES = new URL('../packages/core/src/bridge/__fixtures__/', import.meta.url);
const anthropicFixture = (name: string) => readFileSync(new URL(name, ANTHROPIC_FIXTURES), 'utf8');
const chatFixture = (name: string) => readFileSync(new URL(name, CHAT_FIXTURES), 'utf8');

const MASTER_KEY = 'sk-gw-messages-FAKE-master-0123456789';
const ANTHROPIC_KEY = 'sk-ant-messages-FAKE-not-a-key-4567';
const OPENAI_KEY = 'sk-openai-messages-FAKE-not-a-key-8910';
const COST_HEADER = 'x-switchyard-response-cost';

// anthropic-text.json: 12 in, 10 out: 0.000036 + 0.00015
const TEXT_COST = '0.000186';
// anthropic-thinking-tool-use.json: 50 uncached + 3000 read + 200 5m-write + 1000 1h-write in, 140 out.
const THINKING_TOOL_USE_COST = '0.0099';
// anthropic-parallel-tools.chunks.txt: 472 uncached + 2048 read in, 89 out: 0.001416 + 0.0006144 + 0.001335
const PARALLEL_STREAM_COST = '0.0033654';
// The fake OpenAI upstream's usage: 12 prompt, 3 completion on gpt-4o-mini: 0.0000018 + 0.0000018
const CHAT_COST = '0.0000036';

function sendSse(response: ServerResponse, text: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.end(text);
}

async function post(host: Host, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${host.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': MASTER_KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe.each(ALL_HOSTS)('/v1/messages through %s', (_name, startHost) => {
  let anthropicUpstream: FakeUpstream;
  let openaiUpstream: FakeUpstream;
  let host: Host;
  let client: Anthropic;
  const costs = new CostRecorder();
  const scan = new LeakScan();

  beforeAll(async () => {
    anthropicUpstream = await FakeUpstream.start();
    openaiUpstream = await FakeUpstream.start();
    host = await startHost({
      bodyLimit: 256 * 1024,
      logger: scan.logger,
      onCost: (event) => {
        costs.listener(event);
        scan.accessLog(event);
      },
      config: {
        general_settings: { master_key: MASTER_KEY },
        router_settings: { num_retries: 0, fallbacks: [{ 'claude-flaky': ['gpt'] }] },
        model_list: [
          { model_name: 'claude', litellm_params: { model: 'anthropic/claude-sonnet-4-5', api_key: ANTHROPIC_KEY, api_base: anthropicUpstream.url } },
          { model_name: 'claude-flaky', litellm_params: { model: 'anthropic/claude-sonnet-4-5', api_key: ANTHROPIC_KEY, api_base: `${anthropicUpstream.url.replace(/\/v1$/, '')}/flaky` } },
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_key: OPENAI_KEY, api_base: openaiUpstream.url } },
          { model_name: 'gpt-reasoning', litellm_params: { model: 'openai/gpt-5-mini', api_key: OPENAI_KEY, api_base: openaiUpstream.url } },
        ],
      },
    });
    client = new Anthropic({ baseURL: host.gatewayUrl, apiKey: MASTER_KEY, maxRetries: 0, fetch: scan.fetch });
  });
  afterAll(async () => {
    await host?.close();
    await anthropicUpstream?.close();
    await openaiUpstream?.close();
  });
  beforeEach(() => {
    anthropicUpstream.reset();
    openaiUpstream.reset();
  });

  describe('to an Anthropic deployment: native pass-through', () => {
    it('messages.create: the body goes upstream as sent with the deployment model, the Message comes back as sent, priced', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendJson(response, 200, JSON.parse(anthropicFixture('anthropic-text.json')), { 'request-id': 'req_upstream_1' });
        return true;
      });
      const { data, response } = await client.messages
        .create(
          // metadata.tags is for the gateway's tag routing and stays out of Anthropic's metadata.
          // top_k is on the wire but no longer in this SDK's types.
          { model: 'claude', max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], top_k: 5, metadata: { user_id: 'u-42', tags: ['team-a'] } } as unknown as Anthropic.MessageCreateParamsNonStreaming,
          { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31', 'anthropic-version': '2023-06-01' } },
        )
        .withResponse();
      expect(data).toEqual(JSON.parse(anthropicFixture('anthropic-text.json')));
      expect(response.headers.get(COST_HEADER)).toBe(TEXT_COST);
      expect(response.headers.get('x-upstream-request-id')).toBe('req_upstream_1');
      const sent = anthropicUpstream.requests[0]!;
      expect(sent.path).toBe('/v1/messages');
      expect(sent.headers['x-api-key']).toBe(ANTHROPIC_KEY);
      expect(sent.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
      expect(sent.headers.authorization).toBeUndefined();
      // Without the client's version header, the configured default goes upstream.
      await post(host, '/v1/messages', { model: 'claude', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] });
      expect(anthropicUpstream.requests[1]!.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent.body).toEqual({ model: 'claude-sonnet-4-5', max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], top_k: 5, metadata: { user_id: 'u-42' } });
      const event = await costs.eventFor(response.headers.get('x-request-id'));
      expect(event).toMatchObject({ endpoint: 'messages', outcome: 'success', cost: TEXT_COST, usage: { inputTokens: 12, outputTokens: 10 } });
    });

    it('tools with thinking: tool_use blocks and signatures come back unchanged, cache reads and 5m/1h writes priced exactly', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendJson(response, 200, JSON.parse(anthropicFixture('anthropic-thinking-tool-use.json')));
        return true;
      });
      const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } }, cache_control: { type: 'ephemeral', ttl: '1h' } }];
      const { data, response } = await client.messages
        .create({ model: 'claude', max_tokens: 16000, thinking: { type: 'enabled', budget_tokens: 8192 }, tools, messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }] })
        .withResponse();
      expect(data.stop_reason).toBe('tool_use');
      const toolUses = data.content.filter((block) => block.type === 'tool_use');
      expect(toolUses.map((block) => block.input)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
      expect(data.content[0]).toMatchObject({ type: 'thinking', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' });
      expect(anthropicUpstream.requests[0]!.body.tools).toEqual(tools);
      expect(anthropicUpstream.requests[0]!.body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
      expect(response.headers.get(COST_HEADER)).toBe(THINKING_TOOL_USE_COST);
    });

    it('messages.stream().finalMessage(): every event reaches the client byte for byte, and the stream is priced from its cumulative usage', async () => {
      const recorded = anthropicFixture('anthropic-parallel-tools.chunks.txt');
      anthropicUpstream.handle((_request, response) => {
        sendSse(response, recorded);
        return true;
      });
      const stream = client.messages.stream({ model: 'claude', max_tokens: 1024, messages: [{ role: 'user', content: 'Weather?' }] });
      const message = await stream.finalMessage();
      expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use', 'tool_use']);
      expect(message.content.filter((block) => block.type === 'tool_use').map((block) => block.input)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
      expect(message.usage).toMatchObject({ input_tokens: 472, cache_read_input_tokens: 2048, output_tokens: 89 });
      expect(anthropicUpstream.requests[0]!.body.stream).toBe(true);

      const raw = await post(host, '/v1/messages', { model: 'claude', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'Weather?' }] });
      expect(raw.headers.get('content-type')).toContain('text/event-stream');
      expect(await raw.text()).toBe(recorded);
      const event = await costs.eventFor(raw.headers.get('x-request-id'));
      expect(event).toMatchObject({ endpoint: 'messages', stream: true, outcome: 'success', cost: PARALLEL_STREAM_COST });
    });

    it('an error event inside the 200 stream reaches the client as it came, and the SDK raises it', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendSse(response, anthropicFixture('anthropic-error-in-stream.chunks.txt'));
        return true;
      });
      const stream = client.messages.stream({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
      await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
      const raw = await post(host, '/v1/messages', { model: 'claude', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
      const text = await raw.text();
      expect(text.endsWith('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n')).toBe(true);
      const event = await costs.eventFor(raw.headers.get('x-request-id'));
      expect(event.outcome).toBe('error');
    });

    it('a native stream the upstream cuts off (socket closed, or the response ended before message_stop) ends with an Anthropic error event', async () => {
      const recorded = anthropicFixture('anthropic-parallel-tools.chunks.txt');
      const half = recorded.slice(0, recorded.indexOf('event: content_block_stop'));
      anthropicUpstream.handle((request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(half);
        if (request.body.messages[0].content === 'reset') setTimeout(() => response.socket?.destroy(), 20);
        else response.end();
        return true;
      });
      for (const content of ['reset', 'ended']) {
        const raw = await post(host, '/v1/messages', { model: 'claude', max_tokens: 64, stream: true, messages: [{ role: 'user', content }] });
        const text = await raw.text();
        expect(text.startsWith(half), content).toBe(true);
        expect(text.slice(half.length), content).toMatch(/^event: error\ndata: \{"type":"error","error":\{"type":"(api_error|overloaded_error)","message":"[^"]+/);
        const event = await costs.eventFor(raw.headers.get('x-request-id'));
        expect(event.outcome, content).toBe('error');
      }
    });

    it('closes the upstream stream when the client goes away', async () => {
      let upstreamClosed = false;
      anthropicUpstream.handle((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(anthropicFixture('anthropic-parallel-tools.chunks.txt').split('\n\n')[0] + '\n\n');
        const timer = setInterval(() => response.write('event: ping\ndata: {"type":"ping"}\n\n'), 20);
        response.on('close', () => {
          clearInterval(timer);
          upstreamClosed = true;
        });
        return true;
      });
      const controller = new AbortController();
      const raw = await fetch(`${host.gatewayUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': MASTER_KEY },
        body: JSON.stringify({ model: 'claude', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
        signal: controller.signal,
      });
      const reader = raw.body!.getReader();
      await reader.read();
      controller.abort();
      await expect.poll(() => upstreamClosed, { timeout: 3_000 }).toBe(true);
    });

    it('upstream errors keep their status in Anthropic shape: 529 → 503 overloaded_error, 429 rate_limit_error with retry-after', async () => {
      anthropicUpstream.handle((request, response) => {
        const rateLimited = request.body.messages[0].content === 'limit';
        sendJson(response, rateLimited ? 429 : 529, JSON.parse(anthropicFixture(rateLimited ? 'anthropic-rate-limit.json' : 'anthropic-overloaded.json')), rateLimited ? { 'retry-after': '13' } : {});
        return true;
      });
      const overloaded = await post(host, '/v1/messages', { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'busy' }] });
      expect(overloaded.status).toBe(503);
      expect(await overloaded.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      const limited = client.messages.create({ model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'limit' }] });
      await expect(limited).rejects.toMatchObject({ status: 429, error: { type: 'error', error: { type: 'rate_limit_error' } } });
      await expect(limited).rejects.toSatisfy((error: APIError) => error.headers?.get('retry-after') === '13');
    });

    it('refuses before upstream what the capability data rules out: max_tokens missing, above the model limit', async () => {
      const missing = await post(host, '/v1/messages', { model: 'claude', messages: [{ role: 'user', content: 'Hi' }] });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
      const tooMany = await post(host, '/v1/messages', { model: 'claude', max_tokens: 64_001, messages: [{ role: 'user', content: 'Hi' }] });
      expect(tooMany.status).toBe(400);
      expect(await tooMany.json()).toEqual({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude.' },
      });
      expect(anthropicUpstream.requests).toHaveLength(0);
    });

    it('fails over before the first byte: an Anthropic deployment answering 500 falls back to the OpenAI group, translated', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendJson(response, 500, { type: 'error', error: { type: 'api_error', message: 'Internal server error' } });
        return true;
      });
      const { data, response } = await client.messages.create({ model: 'claude-flaky', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      expect(data.content).toEqual([{ type: 'text', text: 'Hello from upstream' }]);
      expect(anthropicUpstream.requests[0]!.path).toBe('/flaky/v1/messages');
      expect(openaiUpstream.requests).toHaveLength(1);
      expect(response.headers.get('x-switchyard-fallback')).toBe('true');
    });
  });

  describe('to an OpenAI deployment: translated to Chat Completions and back', () => {
    it('messages.create: system, tool results, images, stop_sequences, metadata.user_id and tools become the Chat request', async () => {
      const { data, response } = await client.messages
        .create({
          model: 'gpt',
          max_tokens: 300,
          system: [{ type: 'text', text: 'You are terse.' }],
          stop_sequences: ['END'],
          temperature: 0.2,
          metadata: { user_id: 'user-7' },
          tools: [{ name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
          tool_choice: { type: 'auto', disable_parallel_tool_use: true },
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'Weather here?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
            { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '18°C' }, { type: 'text', text: 'And?' }] },
          ],
          // temperature is on the wire but no longer in this SDK's types.
        } as Anthropic.MessageCreateParamsNonStreaming)
        .withResponse();
      expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'gpt', content: [{ type: 'text', text: 'Hello from upstream' }], stop_reason: 'end_turn' });
      expect(data.usage).toMatchObject({ input_tokens: 12, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
      expect(response.headers.get(COST_HEADER)).toBe(CHAT_COST);
      expect(response.headers.get('x-switchyard-bridge')).toBe('messages-to-chat');
      const sent = openaiUpstream.requests[0]!;
      expect(sent.path).toBe('/v1/chat/completions');
      expect(sent.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
      expect(sent.body).toMatchInlineSnapshot(`
        {
          "max_tokens": 300,
          "messages": [
            {
              "content": "You are terse.",
              "role": "system",
            },
            {
              "content": [
                {
                  "text": "Weather here?",
                  "type": "text",
                },
                {
                  "image_url": {
                    "url": "data:image/png;base64,iVBORw0KGgo=",
                  },
                  "type": "image_url",
                },
              ],
              "role": "user",
            },
            {
              "content": "Checking.",
              "role": "assistant",
              "tool_calls": [
                {
                  "function": {
                    "arguments": "{"city":"Paris"}",
                    "name": "get_weather",
                  },
                  "id": "call_1",
                  "type": "function",
                },
              ],
            },
            {
              "content": "18°C",
              "role": "tool",
              "tool_call_id": "call_1",
            },
            {
              "content": "And?",
              "role": "user",
            },
          ],
          "model": "gpt-4o-mini",
          "parallel_tool_calls": false,
          "stop": [
            "END",
          ],
          "temperature": 0.2,
          "tool_choice": "auto",
          "tools": [
            {
              "function": {
                "description": "Weather by city",
                "name": "get_weather",
                "parameters": {
                  "properties": {
                    "city": {
                      "type": "string",
                    },
                  },
                  "required": [
                    "city",
                  ],
                  "type": "object",
                },
              },
              "type": "function",
            },
          ],
          "user": "user-7",
        }
      `);
    });

    it('thinking becomes reasoning_effort, max_tokens the reasoning model token parameter, reasoning_content a thinking block', async () => {
      openaiUpstream.handle((request, response) => {
        sendJson(response, 200, {
          id: 'chatcmpl-r1',
          object: 'chat.completion',
          created: 1,
          model: request.body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: '42', reasoning_content: 'Think it through.' }, finish_reason: 'length' }],
          usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 64 } },
        });
        return true;
      });
      const data = await client.messages.create({ model: 'gpt-reasoning', max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1500 }, messages: [{ role: 'user', content: 'Answer?' }] });
      expect(openaiUpstream.requests[0]!.body).toEqual({ model: 'gpt-5-mini', max_completion_tokens: 2000, reasoning_effort: 'low', messages: [{ role: 'user', content: 'Answer?' }] });
      expect(data.content).toEqual([
        { type: 'thinking', thinking: 'Think it through.', signature: '' },
        { type: 'text', text: '42' },
      ]);
      expect(data.stop_reason).toBe('max_tokens');
      expect(data.usage).toMatchObject({ input_tokens: 36, cache_read_input_tokens: 64, output_tokens: 20 });
    });

    it('messages.stream().finalMessage(): Chat chunks become Messages events, usage asked for and priced', async () => {
      const stream = client.messages.stream({ model: 'gpt', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
      const names: string[] = [];
      stream.on('streamEvent', (event) => names.push(event.type));
      const message = await stream.finalMessage();
      expect(message.content).toMatchObject([{ type: 'text', text: 'Hello from upstream' }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage).toMatchObject({ input_tokens: 12, output_tokens: 3 });
      expect(names).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
      expect(openaiUpstream.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      const event = await costs.eventFor((await stream.withResponse()).response.headers.get('x-request-id'));
      expect(event).toMatchObject({ endpoint: 'messages', stream: true, outcome: 'success', cost: CHAT_COST });
    });

    it('streamed parallel tool calls become tool_use blocks with input_json_delta, assembled by the SDK', async () => {
      openaiUpstream.handle((_request, response) => {
        sendSse(response, chatFixture('chat-parallel-tool-calls.chunks.txt'));
        return true;
      });
      const message = await client.messages
        .stream({ model: 'gpt', max_tokens: 200, tools: [{ name: 'get_weather', input_schema: { type: 'object' } }], messages: [{ role: 'user', content: 'Weather in two cities?' }] })
        .finalMessage();
      expect(message.stop_reason).toBe('tool_use');
      const uses = message.content.filter((block) => block.type === 'tool_use');
      expect(uses.length).toBe(2);
      for (const use of uses) expect(use).toMatchObject({ id: expect.any(String), name: expect.any(String), input: expect.any(Object) });
    });

    it('a Chat stream cut before its finish_reason ends with an Anthropic error event', async () => {
      openaiUpstream.handle((request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: request.body.model, choices: [{ index: 0, delta: { content: 'Half' }, finish_reason: null }] })}\n\n`);
        return true;
      });
      const raw = await post(host, '/v1/messages', { model: 'gpt', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
      const text = await raw.text();
      expect(text).toContain('event: message_start');
      expect(text).toContain('"text":"Half"');
      expect(text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":"The upstream stream [^\n]*ended early[^\n]*"\}\}\n\n$/);
      await expect(client.messages.stream({ model: 'gpt', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage()).rejects.toThrow(/ended early/);
    });

    it('a parameter Chat has no form for is refused in Anthropic shape; with drop_params it is dropped', async () => {
      const refused = await post(host, '/v1/messages', { model: 'gpt', max_tokens: 64, container: 'c1', messages: [{ role: 'user', content: 'Hi' }] });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining("'container'") } });
      const dropped = await post(host, '/v1/messages', { model: 'gpt', max_tokens: 64, container: 'c1', drop_params: true, messages: [{ role: 'user', content: 'Hi' }] });
      expect(dropped.status).toBe(200);
      expect(openaiUpstream.requests.at(-1)!.body.container).toBeUndefined();
    });
  });

  describe('@ai-sdk/anthropic with generateText / streamText', () => {
    const provider = () => createAnthropic({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER_KEY, fetch: scan.fetch });

    it('generateText with a tool call against the Anthropic deployment', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendJson(response, 200, JSON.parse(anthropicFixture('anthropic-thinking-tool-use.json')));
        return true;
      });
      const result = await generateText({
        model: provider()('claude'),
        prompt: 'Weather in Paris and Tokyo?',
        tools: { get_weather: tool({ inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }) }) },
        maxRetries: 0,
      });
      expect(result.toolCalls.map((call) => call.input)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
      expect(result.finishReason).toBe('tool-calls');
      const sent = anthropicUpstream.requests[0]!;
      expect(sent.body.model).toBe('claude-sonnet-4-5');
      expect(sent.body.tools[0]).toMatchObject({ name: 'get_weather', input_schema: { type: 'object' } });
    });

    it('streamText against the Anthropic deployment and generateText against the OpenAI deployment', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendSse(response, anthropicFixture('anthropic-citations.chunks.txt'));
        return true;
      });
      const streamed = streamText({ model: provider()('claude'), prompt: 'Cite it.', maxRetries: 0 });
      const text = await streamed.text;
      expect(text.length).toBeGreaterThan(0);
      // The recorded stream stops at max_tokens.
      expect(await streamed.finishReason).toBe('length');

      const generated = await generateText({ model: provider()('gpt'), prompt: 'Hi', maxRetries: 0 });
      expect(generated.text).toBe('Hello from upstream');
      expect(generated.usage.inputTokens).toBe(12);
      expect(openaiUpstream.requests[0]!.body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    });

    it('streamText against the OpenAI deployment', async () => {
      const streamed = streamText({ model: provider()('gpt'), prompt: 'Hi', maxRetries: 0 });
      expect(await streamed.text).toBe('Hello from upstream');
      expect((await streamed.usage).outputTokens).toBe(3);
      expect(openaiUpstream.requests[0]!.body.stream).toBe(true);
    });
  });

  describe('auth, errors and count_tokens', () => {
    it('takes the gateway key as x-api-key or Authorization: Bearer, on /v1/messages and on the OpenAI routes', async () => {
      const bearer = await post(host, '/v1/messages', { model: 'gpt', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] }, { 'x-api-key': '', authorization: `Bearer ${MASTER_KEY}` });
      expect(bearer.status).toBe(200);
      const chat = await post(host, '/v1/chat/completions', { model: 'gpt', messages: [{ role: 'user', content: 'Hi' }] });
      expect(chat.status).toBe(200);
    });

    it('answers every failure in Anthropic shape with the right type, and keeps serving', async () => {
      const cases: [string, Response, number, string][] = [
        ['no key', await post(host, '/v1/messages', { model: 'gpt', max_tokens: 8, messages: [] }, { 'x-api-key': '' }), 401, 'authentication_error'],
        ['wrong key', await post(host, '/v1/messages', { model: 'gpt', max_tokens: 8, messages: [] }, { 'x-api-key': 'sk-wrong' }), 401, 'authentication_error'],
        ['unknown model', await post(host, '/v1/messages', { model: 'nope', max_tokens: 8, messages: [] }), 404, 'not_found_error'],
        ['not JSON', await post(host, '/v1/messages', '{"model": '), 400, 'invalid_request_error'],
        ['messages not an array', await post(host, '/v1/messages', { model: 'gpt', max_tokens: 8, messages: 'Hi' }), 400, 'invalid_request_error'],
        ['bad role', await post(host, '/v1/messages', { model: 'claude', max_tokens: 8, messages: [{ role: 'system', content: 'x' }] }), 400, 'invalid_request_error'],
        ['body over the limit', await post(host, '/v1/messages', { model: 'gpt', max_tokens: 8, messages: [{ role: 'user', content: 'x'.repeat(300_000) }] }), 413, 'request_too_large'],
        ['GET on the route', await fetch(`${host.gatewayUrl}/v1/messages`, { headers: { 'x-api-key': MASTER_KEY } }), 405, 'invalid_request_error'],
        ['count_tokens unknown model', await post(host, '/v1/messages/count_tokens', { model: 'nope', messages: [] }), 404, 'not_found_error'],
      ];
      for (const [label, response, status, type] of cases) {
        expect(response.status, label).toBe(status);
        expect(response.headers.get('content-type'), label).toContain('application/json');
        const body = await response.json();
        expect(body, label).toEqual({ type: 'error', error: { type, message: expect.any(String) } });
      }
      await expect(client.messages.create({ model: 'gpt', max_tokens: 8, messages: [{ role: 'user', content: 'still there?' }] })).resolves.toMatchObject({ type: 'message' });
      const wrongKey = new Anthropic({ baseURL: host.gatewayUrl, apiKey: 'sk-wrong-key', maxRetries: 0 });
      await expect(wrongKey.messages.create({ model: 'gpt', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    });

    it('count_tokens: an o200k estimate of system, messages and tools, never sent upstream', async () => {
      const small = await client.messages.countTokens({ model: 'claude', messages: [{ role: 'user', content: 'Hello there' }] });
      const large = await client.messages.countTokens({
        model: 'claude',
        system: 'You are a meticulous assistant who answers in full sentences.',
        tools: [{ name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        messages: [{ role: 'user', content: 'Hello there' }],
      });
      // "Hello there" is 2 o200k tokens, plus 3 for the message.
      expect(small.input_tokens).toBe(5);
      expect(large.input_tokens).toBeGreaterThan(small.input_tokens + 20);
      expect(anthropicUpstream.requests).toHaveLength(0);
    });

    it('lets no key out: not the gateway key, not either upstream key, in any body, header or log line', async () => {
      anthropicUpstream.handle((_request, response) => {
        sendJson(response, 401, { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${ANTHROPIC_KEY}` } });
        return true;
      });
      const rejected = await post(host, '/v1/messages', { model: 'claude', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] });
      scan.record(rejected);
      expect(rejected.status).toBe(401);
      expect(await rejected.clone().json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
      await scan.expectNoLeak([MASTER_KEY, ANTHROPIC_KEY, OPENAI_KEY]);
    });
  });
});

describe.each(HOSTS)('/v1/messages behind the host app\'s own JSON parser (%s)', (_name, startHost) => {
  let host: Host;

  beforeAll(async () => {
    host = await startHost({
      hostParsesJson: true,
      bodyLimit: 64 * 1024,
      config: {
        general_settings: { master_key: MASTER_KEY },
        model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_key: OPENAI_KEY, api_base: 'http://127.0.0.1:9/v1' } }],
      },
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  it("answers the host parser's refusal and the early 413 in Anthropic shape there, in OpenAI shape on chat", async () => {
    const malformed = await post(host, '/v1/messages', '{"model": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.any(String) } });
    const oversize = await post(host, '/v1/messages', JSON.stringify({ model: 'gpt', max_tokens: 8, messages: [{ role: 'user', content: 'x'.repeat(100_000) }] }));
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toEqual({ type: 'error', error: { type: 'request_too_large', message: expect.any(String) } });
    const chat = await post(host, '/v1/chat/completions', '{"model": ');
    expect(await chat.json()).toMatchObject({ error: { type: 'invalid_request_error', code: expect.any(String) } });
  });
});
