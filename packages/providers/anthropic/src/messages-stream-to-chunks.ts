import { GatewayError, parseSseStream, SSE_DONE, type SseEvent } from '@switchyard/core';
import type { AnthropicTarget } from './anthropic-target.js';
import { isObject, type JsonObject } from './json.js';
import { anthropicError } from './map-anthropic-error.js';
import { mapStopReason } from './map-stop-reason.js';
import { emptyUsage, takeUsage, toChatUsage } from './map-usage.js';

export interface StreamMapOptions {
  readonly target: AnthropicTarget;
  /** The client asked `stream_options.include_usage`: send the final `"choices": []` usage chunk. */
  readonly includeUsage: boolean;
  readonly created: number;
  /** Turns a transport failure while reading (timeout, reset) into a GatewayError. */
  readonly mapError?: (error: unknown) => unknown;
}

/** An upstream SSE body: undici's (destroyed when the client leaves early) or, in tests, any byte stream. */
export type UpstreamBody = AsyncIterable<Uint8Array | string> & { readonly destroyed?: boolean; destroy?(): void };

/**
 * Anthropic Messages stream events → OpenAI chat.completion.chunk events:
 * - message_start → the role chunk; content_block_start of a tool_use → a tool call's id and
 *   name at its own `index` (counted per tool_use block, not per content block, so parallel
 *   calls after a text block still start at 0);
 * - text_delta → content, input_json_delta → that call's arguments, thinking_delta →
 *   reasoning_content, signature_delta and redacted_thinking → thinking_blocks;
 *   citations_delta, content_block_stop and ping carry nothing a Chat client reads;
 * - message_delta → the stop reason and the usage so far (cumulative: replaced, never summed);
 * - message_stop → the finish chunk and the usage chunk; `[DONE]` once the upstream body has ended;
 * - an `error` event (inside a 200) → a thrown GatewayError, which ends the client's stream
 *   with a terminal error event; so does a stream that ends before message_stop.
 */
export async function* messagesStreamToChunks(body: UpstreamBody, options: StreamMapOptions): AsyncGenerator<SseEvent> {
  const usage = emptyUsage();
  const toolIndexes = new Map<number, number>();
  const created = options.created;
  let id: unknown = '';
  let model: unknown = '';
  let stopReason: unknown = null;
  const chunk = (delta: JsonObject, finish: string | null = null): SseEvent => ({
    data: { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] },
  });

  let stopped = false;
  // The parser is read here directly, no wrapping generator between: each layer costs per event.
  try {
    for await (const event of parseSseStream(body)) {
      const data = event.data;
      if (!isObject(data) || stopped) continue;
      switch (data.type) {
        case 'message_start': {
          const message = isObject(data.message) ? data.message : {};
          id = message.id;
          model = message.model;
          takeUsage(usage, message.usage);
          yield chunk({ role: 'assistant', content: '' });
          break;
        }
        case 'content_block_start': {
          const block = isObject(data.content_block) ? data.content_block : {};
          if (block.type === 'tool_use' && typeof data.index === 'number') {
            const index = toolIndexes.size;
            toolIndexes.set(data.index, index);
            yield chunk({ tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] });
          } else if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
            yield chunk({ content: block.text });
          } else if (block.type === 'redacted_thinking') {
            yield chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: block.data }] });
          }
          break;
        }
        case 'content_block_delta': {
          const delta = isObject(data.delta) ? data.delta : {};
          if (delta.type === 'text_delta') yield chunk({ content: delta.text });
          else if (delta.type === 'input_json_delta') {
            const index = typeof data.index === 'number' ? toolIndexes.get(data.index) : undefined;
            if (index !== undefined) yield chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] });
          } else if (delta.type === 'thinking_delta') yield chunk({ reasoning_content: delta.thinking });
          else if (delta.type === 'signature_delta') yield chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: delta.signature }] });
          break;
        }
        case 'message_delta':
          if (isObject(data.delta) && data.delta.stop_reason !== undefined) stopReason = data.delta.stop_reason;
          takeUsage(usage, data.usage);
          break;
        case 'message_stop': {
          stopped = true;
          const finish = mapStopReason(stopReason, toolIndexes.size > 0);
          yield chunk({}, finish);
          if (options.includeUsage) yield { data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage: toChatUsage(usage) } };
          // [DONE] waits for the upstream body's end (right after message_stop): leaving the loop
          // here would destroy an unfinished body, and undici would close the keep-alive socket.
          break;
        }
        case 'error':
          throw anthropicError(isObject(data.error) ? data.error : undefined, { status: 500, target: options.target });
        default:
          // ping, content_block_stop, citations_delta and event types added later.
          break;
      }
    }
  } catch (error) {
    throw options.mapError === undefined ? error : options.mapError(error);
  } finally {
    // A client that left early: destroying the body closes the upstream socket.
    if (body.destroyed === false) body.destroy?.();
  }
  if (stopped) {
    yield { data: SSE_DONE };
    return;
  }
  throw new GatewayError('upstream_invalid_response', `The upstream for ${options.target.label} ended the stream before message_stop.`);
}
