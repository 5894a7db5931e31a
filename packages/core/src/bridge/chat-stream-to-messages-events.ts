import { SSE_DONE, type SseEvent } from '../http/gateway-response.js';
import type { ChatChunk, ChatUsage } from './chat-api.js';
import { upstreamStreamError, upstreamStreamTruncated } from './bridge-errors.js';
import { messageId } from './chat-to-messages-response.js';
import { chatToMessagesUsage, toMessagesStopReason } from './messages-usage.js';

type BlockKind = 'thinking' | 'text' | 'tool_use';

interface ChunkDelta {
  readonly content?: string | null;
  readonly refusal?: string | null;
  readonly reasoning_content?: string | null;
  readonly tool_calls?: NonNullable<NonNullable<NonNullable<ChatChunk['choices']>[number]['delta']>['tool_calls']>;
}

/**
 * `chat.completion.chunk` events → Anthropic's Messages stream: `message_start`, then per block
 * `content_block_start` / `content_block_delta` (`thinking_delta` from `reasoning_content`,
 * `text_delta`, `input_json_delta` per tool call) / `content_block_stop`, then `message_delta`
 * with stop_reason and usage, and `message_stop`. The usage chunk follows the finish_reason
 * chunk in Chat, so the message is finished only after the upstream's last chunk. A failure
 * is thrown: the stream writer ends the stream with Anthropic's `error` event.
 */
export async function* chatStreamToMessagesEvents(events: AsyncIterable<SseEvent>, model: string): AsyncGenerator<SseEvent> {
  let started = false;
  let finishReason: string | undefined;
  let usage: ChatUsage | undefined;
  let blocks = 0;
  let open: { readonly kind: BlockKind; readonly index: number } | undefined;
  const toolBlocks = new Map<number, number>();

  function* close(): Generator<SseEvent> {
    if (open === undefined) return;
    yield event('content_block_stop', { type: 'content_block_stop', index: open.index });
    open = undefined;
  }
  function* begin(kind: BlockKind, block: Record<string, unknown>): Generator<SseEvent> {
    yield* close();
    open = { kind, index: blocks++ };
    yield event('content_block_start', { type: 'content_block_start', index: open.index, content_block: block });
  }

  for await (const { data } of events) {
    if (data === SSE_DONE) break;
    const chunk = data as ChatChunk;
    if (chunk.error !== undefined && chunk.error !== null) throw upstreamStreamError(chunk.error.message, chunk.error.code);
    if (!started) {
      started = true;
      yield event('message_start', {
        type: 'message_start',
        message: { id: messageId(chunk.id), type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: chatToMessagesUsage(undefined) },
      });
    }
    for (const choice of chunk.choices ?? []) {
      // The bridge never asks for n > 1.
      if ((choice.index ?? 0) !== 0) continue;
      const delta = (choice.delta ?? {}) as ChunkDelta;
      if (delta.reasoning_content) {
        if (open?.kind !== 'thinking') yield* begin('thinking', { type: 'thinking', thinking: '', signature: '' });
        yield delta_(open!.index, { type: 'thinking_delta', thinking: delta.reasoning_content });
      }
      const text = delta.content || delta.refusal;
      if (text) {
        if (open?.kind !== 'text') yield* begin('text', { type: 'text', text: '' });
        yield delta_(open!.index, { type: 'text_delta', text });
      }
      for (const call of delta.tool_calls ?? []) {
        let index = toolBlocks.get(call.index);
        if (index === undefined) {
          yield* begin('tool_use', { type: 'tool_use', id: call.id ?? '', name: call.function?.name ?? '', input: {} });
          index = open!.index;
          toolBlocks.set(call.index, index);
        }
        const partial = call.function?.arguments;
        // Interleaved parallel calls go to their own block by index, as the SDKs accumulate them.
        if (partial) yield delta_(index, { type: 'input_json_delta', partial_json: partial });
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    if (chunk.usage) usage = chunk.usage;
  }
  if (!started || finishReason === undefined) throw upstreamStreamTruncated('no chunk with a finish_reason arrived');
  yield* close();
  yield event('message_delta', { type: 'message_delta', delta: { stop_reason: toMessagesStopReason(finishReason), stop_sequence: null }, usage: chatToMessagesUsage(usage) });
  yield event('message_stop', { type: 'message_stop' });
}

function event(name: string, data: Record<string, unknown>): SseEvent {
  return { event: name, data };
}

function delta_(index: number, delta: Record<string, unknown>): SseEvent {
  return event('content_block_delta', { type: 'content_block_delta', index, delta });
}
