// Both bridges end to end: what the upstream receives (path and exact body) and what the official
// openai SDK makes of the answer, JSON and streamed, including two parallel tool calls.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, modelsConfig, postJson } from './support/model-config.js';
import {
  CHAT_TOOLS,
  parallelCallsChunks,
  parallelCallsCompletion,
  parallelCallsEvents,
  parallelCallsResponse,
  RESPONSES_USAGE,
  RESPONSES_USAGE_AS_CHAT,
  sendChatChunks,
  sendResponsesEvents,
  TIME_CALL,
  WEATHER_CALL,
} from './support/upstream-streams.js';

const HI = [{ role: 'user' as const, content: 'Hi' }];

/** An OpenAI-compatible server (vLLM) that has no Responses endpoint, declared in model_info. */
const LOCAL_MODEL_INFO = { mode: 'chat', endpoints: ['chat.completions'] };

describe.each(HOSTS)('bridges through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    const config = modelsConfig([
      modelEntry(upstream.url, 'gpt-5.5-pro', 'openai/gpt-5.5-pro'),
      modelEntry(upstream.url, 'gpt-5.5', 'openai/gpt-5.5'),
      modelEntry(upstream.url, 'local-llama', 'hosted_vllm/llama-3.1-8b', {}, LOCAL_MODEL_INFO),
    ]);
    host = await startHost({ config });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  describe('Chat Completions → Responses (gpt-5.5-pro)', () => {
    it('maps every part of the request into the exact Responses body', async () => {
      const schema = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false };
      const weatherParameters = CHAT_TOOLS[0]!.function.parameters;
      await client.chat.completions.create({
        model: 'gpt-5.5-pro',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this image?' },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
            ],
          },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: weatherParameters, strict: true } }],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } },
        max_tokens: 500,
        reasoning_effort: 'high',
        parallel_tool_calls: false,
      });
      expect(upstream.requests).toHaveLength(1);
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      expect(upstream.requests[0]?.body).toEqual({
        model: 'gpt-5.5-pro',
        instructions: 'Be brief.',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'What is in this image?' },
              { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
            ],
          },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '{"celsius":21}' },
        ],
        tools: [{ type: 'function', name: 'get_weather', description: 'Weather by city', parameters: weatherParameters, strict: true }],
        tool_choice: { type: 'function', name: 'get_weather' },
        text: { format: { type: 'json_schema', name: 'answer', schema, strict: true } },
        max_output_tokens: 500,
        reasoning: { effort: 'high' },
        parallel_tool_calls: false,
        store: false,
      });
    });

    it('maps json_object and the default image detail', async () => {
      await client.chat.completions.create({
        model: 'gpt-5.5-pro',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }],
        response_format: { type: 'json_object' },
        max_completion_tokens: 64,
      });
      expect(upstream.requests[0]?.body).toEqual({
        model: 'gpt-5.5-pro',
        input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' }] }],
        text: { format: { type: 'json_object' } },
        max_output_tokens: 64,
        store: false,
      });
    });

    it('comes back as a chat.completion with text, finish_reason stop and cached/reasoning usage', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/responses') return false;
        sendJson(response, 200, {
          id: 'resp_text',
          object: 'response',
          created_at: 1_700_000_123,
          status: 'completed',
          model: 'gpt-5.5-pro-2026-04-23',
          output: [
            { id: 'rs_1', type: 'reasoning', summary: [] },
            { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Paris.', annotations: [] }] },
          ],
          usage: RESPONSES_USAGE,
        });
        return true;
      });
      const { data: completion, response } = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI }).withResponse();
      expect(response.headers.get('x-switchyard-bridge')).toBe('chat-to-responses');
      expect(completion).toMatchObject({
        id: 'resp_text',
        object: 'chat.completion',
        created: 1_700_000_123,
        model: 'gpt-5.5-pro-2026-04-23',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Paris.' }, finish_reason: 'stop' }],
      });
      expect(completion.usage).toMatchObject(RESPONSES_USAGE_AS_CHAT);
    });

    it('comes back with two tool calls and finish_reason tool_calls', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/responses') return false;
        sendJson(response, 200, parallelCallsResponse(request.body.model));
        return true;
      });
      const completion = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI, tools: CHAT_TOOLS });
      const choice = completion.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.tool_calls).toEqual([
        { id: WEATHER_CALL.call_id, type: 'function', function: { name: WEATHER_CALL.name, arguments: WEATHER_CALL.arguments } },
        { id: TIME_CALL.call_id, type: 'function', function: { name: TIME_CALL.name, arguments: TIME_CALL.arguments } },
      ]);
    });

    it('an answer cut off by max_output_tokens ends with finish_reason length', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/responses') return false;
        sendJson(response, 200, {
          id: 'resp_cut',
          object: 'response',
          created_at: 1_700_000_000,
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
          model: 'gpt-5.5-pro',
          output: [{ id: 'msg_1', type: 'message', status: 'incomplete', role: 'assistant', content: [{ type: 'output_text', text: 'Par', annotations: [] }] }],
          usage: { input_tokens: 5, output_tokens: 16, total_tokens: 21 },
        });
        return true;
      });
      const completion = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI, max_completion_tokens: 16 });
      expect(completion.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'Par' } });
    });

    it('streams text: role first, content deltas, finish_reason, no usage chunk unless asked', async () => {
      const stream = await client.chat.completions.create({ model: 'gpt-5.5-pro', messages: HI, stream: true });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      expect(upstream.requests[0]?.body.stream).toBe(true);
      expect(upstream.requests[0]?.body).not.toHaveProperty('stream_options');
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === 'resp_fake')).toBe(true);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hello from responses');
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
      expect(chunks.some((chunk) => chunk.choices.length === 0 || chunk.usage)).toBe(false);
    });

    it('streams two parallel tool calls with distinct indexes; the SDK assembles both, and include_usage adds the usage chunk', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/responses') return false;
        sendResponsesEvents(response, parallelCallsEvents(request.body.model));
        return true;
      });
      const stream = client.chat.completions.stream({
        model: 'gpt-5.5-pro',
        messages: HI,
        tools: CHAT_TOOLS,
        parallel_tool_calls: true,
        stream_options: { include_usage: true },
      });
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      const completion = await stream.finalChatCompletion();

      expect(upstream.requests[0]?.body).toMatchObject({ stream: true, parallel_tool_calls: true });
      const choice = completion.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.tool_calls).toEqual([
        { id: WEATHER_CALL.call_id, type: 'function', function: { name: WEATHER_CALL.name, arguments: WEATHER_CALL.arguments } },
        { id: TIME_CALL.call_id, type: 'function', function: { name: TIME_CALL.name, arguments: TIME_CALL.arguments } },
      ]);
      expect(completion.usage).toMatchObject(RESPONSES_USAGE_AS_CHAT);

      // On the wire: each call keeps its own index (0 and 1, not the output_index 1 and 2, not both 0).
      const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
      const opened = deltas.filter((delta) => delta.id !== undefined);
      expect(opened.map((delta) => [delta.index, delta.id])).toEqual([
        [0, WEATHER_CALL.call_id],
        [1, TIME_CALL.call_id],
      ]);
      const argumentsOf = (index: number) =>
        deltas
          .filter((delta) => delta.index === index)
          .map((delta) => delta.function?.arguments ?? '')
          .join('');
      expect([argumentsOf(0), argumentsOf(1)]).toEqual([WEATHER_CALL.arguments, TIME_CALL.arguments]);
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage).toMatchObject(RESPONSES_USAGE_AS_CHAT);
      expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    });

    it('refuses chat parameters the Responses API cannot honour, before any upstream call', async () => {
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-5.5-pro', messages: HI, stop: ['END'] }));
      expect(response.status).toBe(400);
      expect((await readJson(response)).error).toMatchObject({ code: 'unsupported_parameter', param: 'stop' });
      expect(upstream.requests).toHaveLength(0);
    });

    it('leaves a chat model alone: gpt-5.5 goes to /v1/chat/completions without a bridge header', async () => {
      const { response } = await client.chat.completions.create({ model: 'gpt-5.5', messages: HI }).withResponse();
      expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
      expect(response.headers.get('x-switchyard-bridge')).toBeNull();
    });
  });

  describe('Responses → Chat Completions (a server without /v1/responses)', () => {
    it('sends the request upstream as chat/completions with the mapped body', async () => {
      await client.responses.create({
        model: 'local-llama',
        instructions: 'Be brief.',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }, { type: 'input_image', image_url: 'https://example.com/sky.png', detail: 'high' }] },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '21C' },
        ],
        tools: [{ type: 'function', name: 'get_weather', description: 'Weather by city', parameters: CHAT_TOOLS[0]!.function.parameters, strict: false }],
        tool_choice: 'auto',
        max_output_tokens: 100,
        temperature: 0.3,
      });
      expect(upstream.requests).toHaveLength(1);
      expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
      expect(upstream.requests[0]?.body).toEqual({
        model: 'llama-3.1-8b',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather?' },
              { type: 'image_url', image_url: { url: 'https://example.com/sky.png', detail: 'high' } },
            ],
          },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '21C' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: CHAT_TOOLS[0]!.function.parameters, strict: false } }],
        tool_choice: 'auto',
        max_completion_tokens: 100,
        temperature: 0.3,
      });
    });

    it('comes back as a Response object the SDK reads', async () => {
      const { data, response } = await client.responses.create({ model: 'local-llama', input: 'Hi' }).withResponse();
      expect(response.headers.get('x-switchyard-bridge')).toBe('responses-to-chat');
      expect(data.object).toBe('response');
      expect(data.id).toMatch(/^resp_/);
      expect(data.status).toBe('completed');
      expect(data.output_text).toBe('Hello from upstream');
      expect(data.usage).toMatchObject({ input_tokens: 12, output_tokens: 3, total_tokens: 15 });
      expect(upstream.requests[0]?.body).toEqual({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'Hi' }] });
    });

    it('returns tool calls as function_call items', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/chat/completions') return false;
        sendJson(response, 200, parallelCallsCompletion(request.body.model));
        return true;
      });
      const result = await client.responses.create({ model: 'local-llama', input: 'Weather and time?' });
      const calls = result.output.filter((item) => item.type === 'function_call');
      expect(calls.map(({ call_id, name, arguments: args }) => ({ call_id, name, arguments: args }))).toEqual([WEATHER_CALL, TIME_CALL]);
      expect(result.usage).toMatchObject({
        input_tokens: 1200,
        input_tokens_details: { cached_tokens: 1000 },
        output_tokens: 300,
        output_tokens_details: { reasoning_tokens: 200 },
      });
    });

    it('streams as Responses events in OpenAI order; responses.stream().finalResponse() accepts it', async () => {
      const stream = client.responses.stream({ model: 'local-llama', input: 'Hi' });
      const types: string[] = [];
      const sequence: number[] = [];
      for await (const event of stream) {
        types.push(event.type);
        sequence.push(event.sequence_number);
      }
      const final = await stream.finalResponse();
      expect(final.output_text).toBe('Hello from upstream');
      expect(final.status).toBe('completed');
      expect(final.usage).toMatchObject({ input_tokens: 12, output_tokens: 3 });

      expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
      expect(upstream.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      expect(types[0]).toBe('response.created');
      expect(types[1]).toBe('response.in_progress');
      expect(types.at(-1)).toBe('response.completed');
      const first = (type: string) => types.indexOf(type);
      expect(first('response.output_item.added')).toBeLessThan(first('response.content_part.added'));
      expect(first('response.content_part.added')).toBeLessThan(first('response.output_text.delta'));
      expect(types.lastIndexOf('response.output_text.delta')).toBeLessThan(first('response.output_text.done'));
      expect(first('response.output_text.done')).toBeLessThan(first('response.output_item.done'));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(new Set(sequence).size).toBe(sequence.length);
    });

    it('streams two parallel tool calls as two function_call items with their own arguments', async () => {
      upstream.handle((request, response) => {
        if (request.path !== '/v1/chat/completions') return false;
        sendChatChunks(response, request.body.model, parallelCallsChunks(request.body.stream_options?.include_usage === true));
        return true;
      });
      const stream = client.responses.stream({ model: 'local-llama', input: 'Weather and time?' });
      const argumentDeltas = new Map<string, string>();
      for await (const event of stream) {
        if (event.type === 'response.function_call_arguments.delta') {
          argumentDeltas.set(event.item_id, (argumentDeltas.get(event.item_id) ?? '') + event.delta);
        }
      }
      const final = await stream.finalResponse();
      const calls = final.output.filter((item) => item.type === 'function_call');
      expect(calls.map(({ call_id, name, arguments: args }) => ({ call_id, name, arguments: args }))).toEqual([WEATHER_CALL, TIME_CALL]);
      expect(new Set(calls.map((call) => call.id)).size).toBe(2);
      expect(calls.map((call) => argumentDeltas.get(call.id!))).toEqual([WEATHER_CALL.arguments, TIME_CALL.arguments]);
      expect(final.usage).toMatchObject({ input_tokens: 1200, output_tokens: 300, output_tokens_details: { reasoning_tokens: 200 } });
    });

    it('refuses what needs server-side state (previous_response_id) before any upstream call', async () => {
      const response = await fetch(`${host.gatewayUrl}/v1/responses`, postJson({ model: 'local-llama', input: 'Hi', previous_response_id: 'resp_123' }));
      expect(response.status).toBe(400);
      expect((await readJson(response)).error).toMatchObject({ code: 'unsupported_parameter', param: 'previous_response_id' });
      expect(upstream.requests).toHaveLength(0);
    });

    it('leaves a model with a Responses endpoint alone: gpt-5.5 goes to /v1/responses', async () => {
      const { response } = await client.responses.create({ model: 'gpt-5.5', input: 'Hi' }).withResponse();
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      expect(response.headers.get('x-switchyard-bridge')).toBeNull();
    });
  });
});
