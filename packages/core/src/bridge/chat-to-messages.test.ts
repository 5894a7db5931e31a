import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../http/gateway-response.js';
import { formatSseEvent } from '../http/sse.js';
import { sseChunks } from '../http/sse-chunks.js';
import type { ChatCompletion } from './chat-api.js';
import { chatStreamToMessagesEvents } from './chat-stream-to-messages-events.js';
import { chatToMessagesResponse } from './chat-to-messages-response.js';
import { collect, fixtureEvents, readJsonFixture } from './__fixtures__/fixtures.js';
import { extractMessagesUsage } from './messages-usage.js';

/** The official Anthropic client, answered by the exact bytes the gateway's SSE writer produces. */
function anthropicClientAnswering(events: AsyncIterable<SseEvent>): Anthropic {
  return new Anthropic({
    apiKey: 'test-key',
    baseURL: 'http://gateway.test',
    maxRetries: 0,
    fetch: async () => {
      let body = '';
      for await (const chunk of sseChunks(events, undefined, 'messages')) body += chunk;
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    },
  });
}

const REQUEST = { model: 'claude-via-gpt', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Weather?' }] };

describe('chatToMessagesResponse', () => {
  it('turns a completion with text and parallel tool calls into a Message, usage without the cache in input_tokens', () => {
    const message = chatToMessagesResponse(readJsonFixture<ChatCompletion>('chat-completion-tool-calls.json'), 'claude-via-gpt');
    expect(message).toEqual({
      id: 'msg_chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      type: 'message',
      role: 'assistant',
      model: 'claude-via-gpt',
      content: [
        { type: 'text', text: 'Checking both cities.' },
        { type: 'tool_use', id: 'call_abc123', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_def456', name: 'get_weather', input: { city: 'Tokyo' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 18, output_tokens: 41, cache_read_input_tokens: 64, cache_creation_input_tokens: 0 },
    });
    // Read back, the usage is the upstream's again: 82 prompt tokens, 64 of them cached.
    expect(extractMessagesUsage(message.usage)).toEqual({ inputTokens: 82, outputTokens: 41, cachedInputTokens: 64, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it('maps finish reasons and cut-off tool arguments', () => {
    const completion = (finish: string, args = '{}') => ({ choices: [{ message: { content: null, tool_calls: [{ id: 'c', function: { name: 'f', arguments: args } }] }, finish_reason: finish }] });
    expect(chatToMessagesResponse(completion('length', '{"city":"Par'), 'm')).toMatchObject({ stop_reason: 'max_tokens', content: [{ type: 'tool_use', input: {} }] });
    expect(chatToMessagesResponse(completion('content_filter'), 'm').stop_reason).toBe('refusal');
    expect(chatToMessagesResponse(completion('stop'), 'm').stop_reason).toBe('end_turn');
  });
});

describe('chatStreamToMessagesEvents', () => {
  it('streams reasoning_content as a thinking block, then text, then a tool_use block, with the final usage in message_delta', async () => {
    const events = await collect(chatStreamToMessagesEvents(fixtureEvents('chat-reasoning-tool-call.chunks.txt'), 'claude-via-deepseek'));
    expect(events.map((event) => (event.data as { type: string }).type)).toEqual([
      'message_start',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events.every((event) => event.event === (event.data as { type: string }).type)).toBe(true);
    expect(events[1]!.data).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    expect(events[8]!.data).toEqual({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_00_WvF7', name: 'get_weather', input: {} } });
    expect(events[9]!.data).toEqual({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":' } });
    expect(events[12]!.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 56, output_tokens: 45, cache_read_input_tokens: 64, cache_creation_input_tokens: 0 },
    });
  });

  it('is assembled by the official Anthropic SDK into the Message it describes', async () => {
    const client = anthropicClientAnswering(chatStreamToMessagesEvents(fixtureEvents('chat-reasoning-tool-call.chunks.txt'), 'claude-via-deepseek'));
    const message = await client.messages.stream(REQUEST).finalMessage();
    expect(message.content).toMatchObject([
      { type: 'thinking', thinking: 'The user wants the weather.' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_00_WvF7', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(message).toMatchObject({ model: 'claude-via-deepseek', stop_reason: 'tool_use', usage: { input_tokens: 56, output_tokens: 45, cache_read_input_tokens: 64 } });
  });

  it('gives each of several streamed tool calls its own block, arguments assembled per call', async () => {
    const client = anthropicClientAnswering(chatStreamToMessagesEvents(fixtureEvents('chat-parallel-tool-calls.chunks.txt'), 'm'));
    const message = await client.messages.stream(REQUEST).finalMessage();
    const uses = message.content.filter((block) => block.type === 'tool_use');
    expect(uses.map((block) => [block.name, block.input])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_weather', { city: 'Tokyo' }],
    ]);
  });

  it('ends a stream the upstream broke with an Anthropic error event the SDK raises', async () => {
    async function* broken(): AsyncGenerator<SseEvent> {
      yield { data: { id: 'c', choices: [{ index: 0, delta: { content: 'Hal' } }] } };
      yield { data: { error: { message: 'upstream fell over', code: 'server_error' } } };
    }
    const chunks = await collect(sseChunks(chatStreamToMessagesEvents(broken(), 'm'), undefined, 'messages'));
    expect(chunks.at(-1)).toBe(formatSseEvent({ event: 'error', data: { type: 'error', error: { type: 'api_error', message: 'upstream fell over' } } }));
    const client = anthropicClientAnswering(chatStreamToMessagesEvents(broken(), 'm'));
    await expect(client.messages.stream(REQUEST).finalMessage()).rejects.toThrow(/upstream fell over/);
  });
});
