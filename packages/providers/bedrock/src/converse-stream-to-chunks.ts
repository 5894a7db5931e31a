import { GatewayError, SSE_DONE, type Redactor, type SseEvent } from '@switchyard/core';
import { EventStreamDecoder, EventStreamFormatError } from './event-stream-decoder.js';
import { isObject, type JsonObject } from './json.js';
import { bedrockError } from './map-bedrock-error.js';
import { mapStopReason } from './map-stop-reason.js';
import { toChatUsage } from './map-usage.js';
import { uniqueToolId } from './from-converse-response.js';
import { JSON_TOOL_NAME } from './to-converse-request.js';

export interface StreamMapOptions {
  readonly id: string;
  readonly model: string;
  readonly created: number;
  /** The client asked `stream_options.include_usage`: send the final `"choices": []` usage chunk. */
  readonly includeUsage: boolean;
  readonly jsonTool: boolean;
  readonly label: string;
  readonly redactor: Redactor;
  readonly maxMessageBytes: number;
  /** Turns a transport failure while reading (timeout, reset) into a GatewayError. */
  readonly mapError: (error: unknown) => unknown;
}

/** An upstream body: undici's (destroyed when the client leaves early) or, in tests, any byte stream. */
export type UpstreamBody = AsyncIterable<Uint8Array> & { readonly destroyed?: boolean; destroy?(): void };

const decoder = new TextDecoder();

/**
 * ConverseStream's event-stream messages → OpenAI chat.completion.chunk events
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html):
 * - messageStart → the role chunk;
 * - contentBlockStart with a toolUse → a tool call's id and name at its own `index` (counted per
 *   tool block, not per content block, so parallel calls after a text block start at 0);
 * - contentBlockDelta text → content, toolUse.input → that call's arguments,
 *   reasoningContent text → reasoning_content, signature / redactedContent → thinking_blocks;
 * - messageStop → the finish chunk; metadata (which follows it) → the usage chunk;
 * - `[DONE]` once the body ends after messageStop;
 * - an `exception` (or `error`) message inside the 200 → a thrown GatewayError, which ends the
 *   client's stream with a terminal error event; so do a bad CRC and a stream cut before messageStop.
 */
export async function* converseStreamToChunks(body: UpstreamBody, options: StreamMapOptions): AsyncGenerator<SseEvent> {
  const { id, model, created } = options;
  const toolIndexes = new Map<number, number>();
  const toolIds = new Set<unknown>();
  let jsonToolBlock: number | undefined;
  let stopReason: unknown;
  let stopped = false;
  let usage: JsonObject | undefined;
  const chunk = (delta: JsonObject, finish: string | null = null): SseEvent => ({
    data: { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] },
  });
  const decoder = new EventStreamDecoder(options.maxMessageBytes);
  try {
    // The body is read here directly, the decoder synchronous: no generator layer per message.
    for await (const bytes of body) for (const message of decoder.push(bytes)) {
      const kind = message.headers[':message-type'];
      if (kind === 'exception') throw bedrockError(message.headers[':exception-type'], readPayload(message.payload).message, { status: 200, redactor: options.redactor });
      if (kind === 'error') throw bedrockError(message.headers[':error-code'], message.headers[':error-message'], { status: 200, redactor: options.redactor });
      if (kind !== 'event') continue;
      const data = readPayload(message.payload);
      switch (message.headers[':event-type']) {
        case 'messageStart':
          yield chunk({ role: 'assistant', content: '' });
          break;
        case 'contentBlockStart': {
          const start = isObject(data.start) ? data.start : {};
          const block = typeof data.contentBlockIndex === 'number' ? data.contentBlockIndex : -1;
          if (isObject(start.toolUse)) {
            if (options.jsonTool && start.toolUse.name === JSON_TOOL_NAME) {
              jsonToolBlock = block;
              break;
            }
            const index = toolIndexes.size;
            toolIndexes.set(block, index);
            const callId = uniqueToolId(start.toolUse.toolUseId, (candidate) => toolIds.has(candidate));
            toolIds.add(callId);
            yield chunk({ tool_calls: [{ index, id: callId, type: 'function', function: { name: start.toolUse.name, arguments: '' } }] });
          }
          break;
        }
        case 'contentBlockDelta': {
          const delta = isObject(data.delta) ? data.delta : {};
          if (typeof delta.text === 'string') yield chunk({ content: delta.text });
          else if (isObject(delta.toolUse) && typeof delta.toolUse.input === 'string') {
            if (jsonToolBlock !== undefined && data.contentBlockIndex === jsonToolBlock) {
              yield chunk({ content: delta.toolUse.input });
              break;
            }
            const index = typeof data.contentBlockIndex === 'number' ? toolIndexes.get(data.contentBlockIndex) : undefined;
            if (index !== undefined) yield chunk({ tool_calls: [{ index, function: { arguments: delta.toolUse.input } }] });
          } else if (isObject(delta.reasoningContent)) {
            const reasoning = delta.reasoningContent;
            if (typeof reasoning.text === 'string') yield chunk({ reasoning_content: reasoning.text });
            else if (typeof reasoning.signature === 'string') yield chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: reasoning.signature }] });
            else if (typeof reasoning.redactedContent === 'string') yield chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: reasoning.redactedContent }] });
          }
          break;
        }
        case 'messageStop':
          stopReason = jsonToolBlock !== undefined && data.stopReason === 'tool_use' && toolIndexes.size === 0 ? 'end_turn' : data.stopReason;
          if (!stopped) yield chunk({}, mapStopReason(stopReason, toolIndexes.size > 0));
          stopped = true;
          break;
        case 'metadata':
          // Usage is one final snapshot: taken, never summed.
          usage = isObject(data.usage) ? data.usage : undefined;
          break;
        default:
          // contentBlockStop, and event types added later.
          break;
      }
    }
    decoder.end();
  } catch (error) {
    if (error instanceof EventStreamFormatError) throw new GatewayError('upstream_invalid_response', `The upstream for ${options.label} sent an unreadable event stream: ${error.message}.`);
    throw options.mapError(error);
  } finally {
    // A client that left early: destroying the body closes the upstream socket.
    if (body.destroyed === false) body.destroy?.();
  }
  if (!stopped) throw new GatewayError('upstream_invalid_response', `The upstream for ${options.label} ended the stream before messageStop.`);
  if (options.includeUsage) yield { data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage: toChatUsage(usage) } };
  yield { data: SSE_DONE };
}

function readPayload(payload: Uint8Array): JsonObject {
  if (payload.length === 0) return {};
  try {
    const value: unknown = JSON.parse(decoder.decode(payload));
    return isObject(value) ? value : {};
  } catch {
    throw new EventStreamFormatError('an event payload is not JSON');
  }
}
