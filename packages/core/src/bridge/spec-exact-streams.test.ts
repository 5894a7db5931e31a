import { describe, expect, it } from 'vitest';
import { meterStream, type StreamEnd } from '../cost/meter-stream.js';
import { extractUsage } from '../cost/extract-usage.js';
import { SSE_DONE, type SseEvent } from '../http/gateway-response.js';
import { collect, dataOf, fixtureEvents } from './__fixtures__/fixtures.js';
import { chatStreamToResponsesEvents } from './chat-stream-to-responses-events.js';
import { chatToResponsesResponse } from './chat-to-responses-response.js';
import { responsesStreamToChatChunks } from './responses-stream-to-chat-chunks.js';
import { responsesToChatResponse } from './responses-to-chat-response.js';

// Issue 9, items 7, 8 and 13: recorded-style event sequences through the bridge.

/** Runs a stream through the cost meter as the cost stage does, returning what it saw at the end. */
async function metered(events: AsyncIterable<SseEvent>, format: 'chat' | 'responses') {
  let end: StreamEnd | undefined;
  const passed = await collect(meterStream(events, { format, stripUsage: false, onStart: () => {}, onEnd: (value) => (end = value) }));
  return { passed, end: end! };
}

describe('bridged streams take the billed tier and usage from response.completed (item 7)', () => {
  it('a flex answer requested as auto is metered as flex, with its usage', async () => {
    const { passed, end } = await metered(responsesStreamToChatChunks(fixtureEvents('responses-flex-tier.chunks.txt'), { includeUsage: true }), 'chat');
    const data = dataOf(passed).filter((chunk) => chunk !== SSE_DONE);
    expect(data.at(-2)).toMatchObject({ service_tier: 'flex', choices: [{ finish_reason: 'stop' }] });
    expect(data.at(-1)).toMatchObject({ service_tier: 'flex', choices: [] });
    expect(end.serviceTier).toBe('flex');
    expect(extractUsage(end.usage)).toEqual({ inputTokens: 1000, cachedInputTokens: 400, cacheWriteTokens: 0, outputTokens: 200, reasoningTokens: 150 });
  });
});

describe('a function call cut off by the output limit (item 8)', () => {
  it('Responses → chat stream: finish_reason length, not tool_calls', async () => {
    const data = dataOf(await collect(responsesStreamToChatChunks(fixtureEvents('responses-tool-call-length.chunks.txt'), { includeUsage: false })));
    expect(data.at(-2).choices[0].finish_reason).toBe('length');
    const args = data.flatMap((chunk) => chunk.choices?.[0]?.delta?.tool_calls ?? []).map((call: { function: { arguments: string } }) => call.function.arguments).join('');
    expect(args).toBe('{"city":"Par');
  });

  it('Responses → chat.completion: finish_reason length', () => {
    const completion = responsesToChatResponse({
      id: 'resp_cut',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ id: 'fc_1', type: 'function_call', status: 'incomplete', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Par' }],
    } as never) as { choices: { finish_reason: string }[] };
    expect(completion.choices[0]!.finish_reason).toBe('length');
  });

  it('chat stream → Responses: the cut call is incomplete, and so is the response', async () => {
    const data = dataOf(await collect(chatStreamToResponsesEvents(fixtureEvents('chat-tool-call-length.chunks.txt'), { model: 'llama-3.3-70b-instruct', input: 'Weather?', stream: true })));
    const done = data.find((event) => event.type === 'response.output_item.done');
    expect(done.item).toMatchObject({ type: 'function_call', status: 'incomplete', arguments: '{"city":"Par' });
    const last = data.at(-1);
    expect(last.type).toBe('response.incomplete');
    expect(last.response.output).toEqual([expect.objectContaining({ type: 'function_call', status: 'incomplete' })]);
    expect(last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('chat.completion → Response: the cut call is incomplete', () => {
    const response = chatToResponsesResponse(
      {
        id: 'chatcmpl-cut',
        choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } }] } }],
        usage: { prompt_tokens: 10, completion_tokens: 16, total_tokens: 26 },
      } as never,
      { model: 'm', input: 'x' },
    ) as { status: string; output: { status: string }[] };
    expect(response.status).toBe('incomplete');
    expect(response.output[0]!.status).toBe('incomplete');
  });
});

describe('a chat upstream that reports no usage (item 13)', () => {
  it('stream: response.completed carries usage null and the meter finds no usage (cost null, not $0)', async () => {
    const { passed, end } = await metered(chatStreamToResponsesEvents(fixtureEvents('chat-no-usage.chunks.txt'), { model: 'm', input: 'Hi', stream: true }), 'responses');
    const completed = dataOf(passed).at(-1);
    expect(completed.type).toBe('response.completed');
    expect(completed.response.usage).toBeNull();
    expect(extractUsage(end.usage)).toBeUndefined();
  });

  it('non-streaming: usage null', () => {
    const response = chatToResponsesResponse(
      { id: 'chatcmpl-x', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi' } }] } as never,
      { model: 'm', input: 'x' },
    ) as { usage: unknown };
    expect(response.usage).toBeNull();
  });
});
