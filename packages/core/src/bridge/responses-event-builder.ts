import type { SseEvent } from '../http/gateway-response.js';
import type { OpenAIErrorBody } from '../errors/gateway-error.js';
import { responsesErrorEvent } from '../http/sse-chunks.js';
import type { ChatChunk, ChatToolCallDelta, ChatUsage } from './chat-api.js';
import type { ResponsesRequest } from './responses-api.js';
import { toResponsesCompletion } from './map-finish-reason.js';
import { toResponsesUsage } from './map-usage.js';
import { bridgedIds, functionCallItemId, responseObject, type ResponseObjectFields } from './response-object.js';

interface ContentPart {
  readonly type: 'output_text' | 'refusal';
  text: string;
}

interface MessageItem {
  readonly kind: 'message';
  readonly id: string;
  readonly outputIndex: number;
  readonly parts: ContentPart[];
  status: 'in_progress' | 'completed' | 'incomplete';
}

interface FunctionCallItem {
  readonly kind: 'function_call';
  readonly id: string;
  readonly outputIndex: number;
  readonly callId: string;
  name: string;
  arguments: string;
}

/**
 * Builds the Responses event sequence for one streamed answer, in the order OpenAI sends it:
 * created, in_progress, output_item.added before its deltas, content_part.added before text
 * deltas, the matching *.done events, then completed (or incomplete). Every event carries its
 * `type` and an increasing `sequence_number`; the SSE event name is the type.
 */
export class ResponsesEventBuilder {
  readonly #request: ResponsesRequest;
  readonly #ids: ReturnType<typeof bridgedIds>;
  readonly #createdAt: number;
  readonly #model: string;
  readonly #serviceTier: string | null | undefined;
  readonly #output: (MessageItem | FunctionCallItem)[] = [];
  readonly #toolCalls = new Map<number, FunctionCallItem>();
  #message: MessageItem | undefined;
  #sequence = 0;

  constructor(request: ResponsesRequest, firstChunk: ChatChunk) {
    this.#request = request;
    this.#ids = bridgedIds(firstChunk.id);
    this.#createdAt = firstChunk.created ?? 0;
    this.#model = firstChunk.model ?? '';
    this.#serviceTier = firstChunk.service_tier;
  }

  start(): SseEvent[] {
    const response = this.#response('in_progress', null, null);
    return [this.#event('response.created', { response }), this.#event('response.in_progress', { response })];
  }

  text(delta: string): SseEvent[] {
    return this.#contentDelta('output_text', delta);
  }

  refusal(delta: string): SseEvent[] {
    return this.#contentDelta('refusal', delta);
  }

  toolCall(delta: ChatToolCallDelta): SseEvent[] {
    const events: SseEvent[] = [];
    let call = this.#toolCalls.get(delta.index);
    if (call === undefined) {
      events.push(...this.#closeMessage('completed'));
      const callId = delta.id ?? `call_${delta.index}`;
      call = { kind: 'function_call', id: functionCallItemId(callId), outputIndex: this.#output.length, callId, name: delta.function?.name ?? '', arguments: '' };
      this.#toolCalls.set(delta.index, call);
      this.#output.push(call);
      events.push(this.#event('response.output_item.added', { output_index: call.outputIndex, item: functionCallItem(call, 'in_progress') }));
    } else if (call.name === '' && delta.function?.name) {
      call.name = delta.function.name;
    }
    const piece = delta.function?.arguments;
    if (piece) {
      call.arguments += piece;
      events.push(this.#event('response.function_call_arguments.delta', { item_id: call.id, output_index: call.outputIndex, delta: piece }));
    }
    return events;
  }

  finish(finishReason: string, usage: ChatUsage | null | undefined): SseEvent[] {
    const completion = toResponsesCompletion(finishReason);
    const events = this.#closeMessage(completion.status);
    for (const call of this.#toolCalls.values()) {
      const location = { item_id: call.id, output_index: call.outputIndex };
      events.push(this.#event('response.function_call_arguments.done', { ...location, name: call.name, arguments: call.arguments }));
      events.push(this.#event('response.output_item.done', { output_index: call.outputIndex, item: functionCallItem(call, completion.status) }));
    }
    const response = this.#response(completion.status, completion.incomplete_details, toResponsesUsage(usage));
    events.push(this.#event(completion.status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
    return events;
  }

  /**
   * Ends a stream that failed: the spec's `error` event, then `response.failed` with the
   * Response as far as it got, so clients (the AI SDK among them) report the upstream message.
   * The open message is closed `incomplete` first, so no item is left in progress.
   */
  fail(error: OpenAIErrorBody['error']): SseEvent[] {
    const events = this.#closeMessage('incomplete');
    events.push(responsesErrorEvent(error, this.#sequence++));
    const response = this.#response('failed', null, null, { code: error.code, message: error.message });
    events.push(this.#event('response.failed', { response }));
    return events;
  }

  #contentDelta(type: ContentPart['type'], delta: string): SseEvent[] {
    const events: SseEvent[] = [];
    let message = this.#message;
    if (message === undefined) {
      const outputIndex = this.#output.length;
      message = { kind: 'message', id: this.#ids.message(outputIndex), outputIndex, parts: [], status: 'in_progress' };
      this.#message = message;
      this.#output.push(message);
      events.push(this.#event('response.output_item.added', { output_index: outputIndex, item: messageItem(message) }));
    }
    let part = message.parts.at(-1);
    if (part?.type !== type) {
      if (part !== undefined) events.push(...this.#closePart(message, message.parts.length - 1));
      part = { type, text: '' };
      message.parts.push(part);
      events.push(this.#event('response.content_part.added', { ...this.#partLocation(message, message.parts.length - 1), part: partObject({ type, text: '' }) }));
    }
    part.text += delta;
    const location = this.#partLocation(message, message.parts.length - 1);
    events.push(
      type === 'output_text'
        ? this.#event('response.output_text.delta', { ...location, delta, logprobs: [] })
        : this.#event('response.refusal.delta', { ...location, delta }),
    );
    return events;
  }

  #closePart(message: MessageItem, contentIndex: number): SseEvent[] {
    const part = message.parts[contentIndex];
    if (part === undefined) return [];
    const location = this.#partLocation(message, contentIndex);
    const done =
      part.type === 'output_text'
        ? this.#event('response.output_text.done', { ...location, text: part.text, logprobs: [] })
        : this.#event('response.refusal.done', { ...location, refusal: part.text });
    return [done, this.#event('response.content_part.done', { ...location, part: partObject(part) })];
  }

  #closeMessage(status: 'completed' | 'incomplete'): SseEvent[] {
    const message = this.#message;
    if (message === undefined) return [];
    this.#message = undefined;
    const events = this.#closePart(message, message.parts.length - 1);
    message.status = status;
    events.push(this.#event('response.output_item.done', { output_index: message.outputIndex, item: messageItem(message) }));
    return events;
  }

  #partLocation(message: MessageItem, contentIndex: number) {
    return { item_id: message.id, output_index: message.outputIndex, content_index: contentIndex };
  }

  #response(
    status: ResponseObjectFields['status'],
    incompleteDetails: ResponseObjectFields['incompleteDetails'],
    usage: ResponseObjectFields['usage'],
    error: ResponseObjectFields['error'] = null,
  ) {
    // A call cut off (by the output limit, or a failed stream) is incomplete, not completed.
    const callStatus = status === 'completed' ? 'completed' : 'incomplete';
    const output = status === 'in_progress' ? [] : this.#output.map((item) => (item.kind === 'message' ? messageItem(item) : functionCallItem(item, callStatus)));
    return responseObject(this.#request, {
      id: this.#ids.response,
      createdAt: this.#createdAt,
      model: this.#model,
      status,
      incompleteDetails,
      output,
      usage,
      serviceTier: this.#serviceTier,
      error,
    });
  }

  #event(type: string, payload: Record<string, unknown>): SseEvent {
    return { event: type, data: { type, sequence_number: this.#sequence++, ...payload } };
  }
}

function partObject(part: ContentPart): Record<string, unknown> {
  return part.type === 'output_text' ? { type: 'output_text', text: part.text, annotations: [], logprobs: [] } : { type: 'refusal', refusal: part.text };
}

function messageItem(message: MessageItem): Record<string, unknown> {
  // While in progress the item is announced empty; its parts arrive as content_part events.
  const content = message.status === 'in_progress' ? [] : message.parts.map(partObject);
  return { id: message.id, type: 'message', status: message.status, role: 'assistant', content };
}

function functionCallItem(call: FunctionCallItem, status: 'in_progress' | 'completed' | 'incomplete'): Record<string, unknown> {
  const args = status === 'in_progress' ? '' : call.arguments;
  return { id: call.id, type: 'function_call', status, call_id: call.callId, name: call.name, arguments: args };
}
