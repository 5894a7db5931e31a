import { SSE_DONE, type SseEvent } from '../http/gateway-response.js';
import type { ResponsesObject, ResponsesStreamEvent } from './responses-api.js';
import { upstreamStreamError, upstreamStreamTruncated } from './bridge-errors.js';
import { toChatFinishReason } from './map-finish-reason.js';
import { toChatUsage } from './map-usage.js';

export interface ResponsesStreamToChatChunksOptions {
  /** The client asked `stream_options.include_usage`: send the final `"choices": []` usage chunk. */
  readonly includeUsage: boolean;
}

interface ToolCallState {
  /** The tool call's position among the response's function calls: its Chat `index`. */
  readonly index: number;
  /** Whether any argument text was sent, so a `.done` without deltas still delivers it. */
  argumentsSent: boolean;
}

type Delta = Record<string, unknown>;

/**
 * Responses SSE events → `chat.completion.chunk` events, then `data: [DONE]`.
 *
 * Each function call gets its own tool_calls `index` (0, 1, … in output order), so parallel
 * calls stay apart in the client's accumulator; their argument deltas are routed by item id.
 */
export async function* responsesStreamToChatChunks(
  events: AsyncIterable<SseEvent>,
  options: ResponsesStreamToChatChunksOptions,
): AsyncGenerator<SseEvent> {
  let header: Record<string, unknown> = { id: '', object: 'chat.completion.chunk', created: 0, model: '' };
  let roleSent = false;
  const toolCalls = new ToolCallIndex();
  const textSentFor = new Set<string>();

  const chunk = (delta: Delta, finishReason: string | null = null): SseEvent => {
    const withRole = roleSent ? delta : { role: 'assistant', ...delta };
    roleSent = true;
    const data: Record<string, unknown> = {
      ...header,
      choices: [{ index: 0, delta: withRole, logprobs: null, finish_reason: finishReason }],
    };
    // OpenAI sends `usage: null` on every chunk but the last when include_usage is on.
    if (options.includeUsage) data.usage = null;
    return { data };
  };

  for await (const { data } of events) {
    if (data === SSE_DONE) continue;
    const event = data as ResponsesStreamEvent;
    switch (event.type) {
      case 'response.created':
        header = chunkHeader(event.response ?? {});
        break;
      case 'response.output_text.delta':
        if (event.item_id !== undefined) textSentFor.add(event.item_id);
        if (event.delta) yield chunk({ content: event.delta });
        break;
      case 'response.refusal.delta':
        if (event.item_id !== undefined) textSentFor.add(event.item_id);
        if (event.delta) yield chunk({ refusal: event.delta });
        break;
      case 'response.output_item.added': {
        const item = event.item;
        if (item?.type !== 'function_call') break;
        const state = toolCalls.add(item.id, event.output_index, Boolean(item.arguments));
        const call = { index: state.index, id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments ?? '' } };
        // Like OpenAI: the first chunk of a tool-calling answer says there is no text.
        yield chunk(roleSent ? { tool_calls: [call] } : { content: null, tool_calls: [call] });
        break;
      }
      case 'response.function_call_arguments.delta': {
        const state = toolCalls.find(event.item_id, event.output_index);
        if (state === undefined || !event.delta) break;
        state.argumentsSent = true;
        yield chunk({ tool_calls: [{ index: state.index, function: { arguments: event.delta } }] });
        break;
      }
      case 'response.output_item.done': {
        // Delivers what an upstream put only in the finished item, never twice.
        const item = event.item;
        const state = item?.type === 'function_call' ? toolCalls.find(item.id, event.output_index) : undefined;
        if (state !== undefined && !state.argumentsSent && item?.arguments) {
          state.argumentsSent = true;
          yield chunk({ tool_calls: [{ index: state.index, function: { arguments: item.arguments } }] });
        }
        if (item?.type === 'message' && item.id !== undefined && !textSentFor.has(item.id) && Array.isArray(item.content)) {
          textSentFor.add(item.id);
          const text = item.content.map((part) => (part.type === 'output_text' ? (part.text ?? '') : '')).join('');
          if (text !== '') yield chunk({ content: text });
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = event.response ?? {};
        // The tier that served (and is billed) is known only now; response.created names the requested one.
        if (response.service_tier != null) header = { ...header, service_tier: response.service_tier };
        const finishReason = toChatFinishReason({
          hasToolCalls: toolCalls.count > 0,
          status: response.status ?? (event.type === 'response.incomplete' ? 'incomplete' : 'completed'),
          incompleteReason: response.incomplete_details?.reason,
        });
        yield chunk(roleSent ? {} : { content: '' }, finishReason);
        if (options.includeUsage) {
          yield { data: { ...header, choices: [], usage: response.usage ? toChatUsage(response.usage) : null } };
        }
        yield { data: SSE_DONE };
        return;
      }
      case 'response.failed':
        throw upstreamStreamError(event.response?.error?.message, event.response?.error?.code);
      case 'error':
        throw upstreamStreamError(event.message, event.code);
      default:
        // Reasoning, content_part, *.done and hosted-tool events carry nothing a chat client reads.
        break;
    }
  }
  throw upstreamStreamTruncated('no response.completed event arrived');
}

function chunkHeader(response: ResponsesObject): Record<string, unknown> {
  const header: Record<string, unknown> = {
    id: response.id ?? '',
    object: 'chat.completion.chunk',
    created: Math.floor(response.created_at ?? 0),
    model: response.model ?? '',
  };
  if (response.service_tier != null) header.service_tier = response.service_tier;
  return header;
}

/** The function calls seen so far; argument deltas name their item by id and by output_index. */
class ToolCallIndex {
  readonly #byId = new Map<string, ToolCallState>();
  readonly #byOutputIndex = new Map<number, ToolCallState>();
  count = 0;

  add(itemId: string | undefined, outputIndex: number | undefined, argumentsSent: boolean): ToolCallState {
    const state: ToolCallState = { index: this.count++, argumentsSent };
    if (itemId !== undefined) this.#byId.set(itemId, state);
    if (outputIndex !== undefined) this.#byOutputIndex.set(outputIndex, state);
    return state;
  }

  find(itemId: string | undefined, outputIndex: number | undefined): ToolCallState | undefined {
    return (itemId === undefined ? undefined : this.#byId.get(itemId)) ?? (outputIndex === undefined ? undefined : this.#byOutputIndex.get(outputIndex));
  }
}
