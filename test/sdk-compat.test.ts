// The Vercel AI SDK (`ai` 6 with `@ai-sdk/openai` 3) against bridged answers: it validates every
// response and stream event with its own schemas, so a field the bridges get wrong fails here.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, stepCountIs, streamText, tool, type LanguageModel } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, modelsConfig } from './support/model-config.js';
import {
  parallelCallsChunks,
  parallelCallsCompletion,
  parallelCallsEvents,
  parallelCallsResponse,
  sendChatChunks,
  sendResponsesEvents,
  TIME_CALL,
  WEATHER_CALL,
} from './support/upstream-streams.js';

/** The two tools of the parallel-call fixtures, without `execute`: the calls come back to the caller. */
const TOOLS = {
  get_weather: tool({ description: 'Weather by city', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }) }),
  get_time: tool({ description: 'Time by zone', inputSchema: jsonSchema<{ zone: string }>({ type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] }) }),
};

const EXPECTED_CALLS = [
  { toolCallId: WEATHER_CALL.call_id, toolName: WEATHER_CALL.name, input: { city: 'Paris' } },
  { toolCallId: TIME_CALL.call_id, toolName: TIME_CALL.name, input: { zone: 'CET' } },
];

/** streamText reports stream errors to onError only; collect them so a broken stream fails the test. */
function streamOf(model: LanguageModel, options: { tools?: typeof TOOLS } = {}) {
  const errors: unknown[] = [];
  const result = streamText({ model, prompt: 'Hi', maxRetries: 0, ...options, onError: ({ error }) => void errors.push(error) });
  return { result, errors };
}

describe.each(HOSTS)('the Vercel AI SDK through the %s host', (_name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let openai: ReturnType<typeof createOpenAI>;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    const config = modelsConfig([
      modelEntry(upstream.url, 'gpt-5.5-pro', 'openai/gpt-5.5-pro'),
      modelEntry(upstream.url, 'local-llama', 'hosted_vllm/llama-3.1-8b', {}, { mode: 'chat', endpoints: ['chat.completions'] }),
    ]);
    host = await startHost({ config });
    openai = createOpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master' });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const answerResponsesWithParallelCalls = (stream: boolean) =>
    upstream.handle((request, response) => {
      if (request.path !== '/v1/responses') return false;
      if (stream) sendResponsesEvents(response, parallelCallsEvents(request.body.model));
      else sendJson(response, 200, parallelCallsResponse(request.body.model));
      return true;
    });

  const answerChatWithParallelCalls = () =>
    upstream.handle((request, response) => {
      if (request.path !== '/v1/chat/completions') return false;
      if (request.body.stream) sendChatChunks(response, request.body.model, parallelCallsChunks(request.body.stream_options?.include_usage === true));
      else sendJson(response, 200, parallelCallsCompletion(request.body.model));
      return true;
    });

  describe('.chat(model) on a Responses-only model (Chat → Responses bridge)', () => {
    it('generateText reads the bridged chat.completion', async () => {
      const result = await generateText({ model: openai.chat('gpt-5.5-pro'), system: 'Be brief.', prompt: 'Hi', maxRetries: 0 });
      expect(upstream.requests[0]?.path).toBe('/v1/responses');
      // The SDK sends the system prompt as a developer message; it becomes instructions.
      expect(upstream.requests[0]?.body).toMatchObject({ instructions: 'Be brief.', input: [{ role: 'user', content: 'Hi' }] });
      expect(result.text).toBe('Hello from responses');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject({ inputTokens: 10, outputTokens: 4 });
    });

    it('streamText reads the bridged chunk stream', async () => {
      const { result, errors } = streamOf(openai.chat('gpt-5.5-pro'));
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(errors).toEqual([]);
      expect(text).toBe('Hello from responses');
      expect(await result.finishReason).toBe('stop');
      expect(await result.usage).toMatchObject({ inputTokens: 10, outputTokens: 4 });
    });

    it('generateText gets both parallel tool calls', async () => {
      answerResponsesWithParallelCalls(false);
      const result = await generateText({ model: openai.chat('gpt-5.5-pro'), prompt: 'Weather and time?', tools: TOOLS, maxRetries: 0 });
      expect(result.finishReason).toBe('tool-calls');
      expect(result.toolCalls).toMatchObject(EXPECTED_CALLS);
      expect(result.usage).toMatchObject({ inputTokens: 1200, outputTokens: 300, inputTokenDetails: { cacheReadTokens: 1000 }, outputTokenDetails: { reasoningTokens: 200 } });
    });

    it('streamText assembles both parallel tool calls from interleaved deltas', async () => {
      answerResponsesWithParallelCalls(true);
      const { result, errors } = streamOf(openai.chat('gpt-5.5-pro'), { tools: TOOLS });
      const calls = await result.toolCalls;
      expect(errors).toEqual([]);
      expect(calls).toMatchObject(EXPECTED_CALLS);
      expect(await result.finishReason).toBe('tool-calls');
      expect(await result.usage).toMatchObject({ inputTokens: 1200, outputTokens: 300, inputTokenDetails: { cacheReadTokens: 1000 } });
    });
  });

  describe('.responses(model) on a chat-only server (Responses → Chat bridge)', () => {
    it('generateText reads the bridged Response object', async () => {
      const result = await generateText({ model: openai.responses('local-llama'), system: 'Be brief.', prompt: 'Hi', maxRetries: 0 });
      expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
      expect(upstream.requests[0]?.body.messages).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ]);
      expect(result.text).toBe('Hello from upstream');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 3 });
    });

    it('streamText reads the bridged Responses event stream', async () => {
      const { result, errors } = streamOf(openai.responses('local-llama'));
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(errors).toEqual([]);
      expect(text).toBe('Hello from upstream');
      expect(await result.finishReason).toBe('stop');
      expect(await result.usage).toMatchObject({ inputTokens: 12, outputTokens: 3 });
    });

    it('generateText gets both tool calls as function_call items', async () => {
      answerChatWithParallelCalls();
      const result = await generateText({ model: openai.responses('local-llama'), prompt: 'Weather and time?', tools: TOOLS, maxRetries: 0 });
      expect(result.toolCalls).toMatchObject(EXPECTED_CALLS);
      expect(result.finishReason).toBe('tool-calls');
    });

    it('streamText gets both tool calls from the bridged event stream', async () => {
      answerChatWithParallelCalls();
      const { result, errors } = streamOf(openai.responses('local-llama'), { tools: TOOLS });
      const calls = await result.toolCalls;
      expect(errors).toEqual([]);
      expect(calls).toMatchObject(EXPECTED_CALLS);
      expect(await result.finishReason).toBe('tool-calls');
    });

    it('a two-step tool loop: the SDK sends the calls and their results back, the server gets them as chat messages', async () => {
      let round = 0;
      upstream.handle((request, response) => {
        if (request.path !== '/v1/chat/completions') return false;
        round += 1;
        if (round === 1) sendJson(response, 200, parallelCallsCompletion(request.body.model));
        else return false; // the default answer: "Hello from upstream"
        return true;
      });
      const result = await generateText({
        model: openai.responses('local-llama'),
        prompt: 'Weather and time?',
        maxRetries: 0,
        stopWhen: stepCountIs(3),
        tools: {
          get_weather: tool({ ...TOOLS.get_weather, execute: async () => '21C' }),
          get_time: tool({ ...TOOLS.get_time, execute: async () => '14:00' }),
        },
      });
      expect(result.text).toBe('Hello from upstream');
      expect(upstream.requests).toHaveLength(2);
      const messages = upstream.requests[1]?.body.messages as { role: string; tool_call_id?: string; content?: unknown; tool_calls?: { id: string }[] }[];
      expect(messages.find((message) => message.role === 'assistant')?.tool_calls?.map((call) => call.id)).toEqual([WEATHER_CALL.call_id, TIME_CALL.call_id]);
      expect(messages.filter((message) => message.role === 'tool').map((message) => message.tool_call_id)).toEqual([WEATHER_CALL.call_id, TIME_CALL.call_id]);
    });
  });
});
