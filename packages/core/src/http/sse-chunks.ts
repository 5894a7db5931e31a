import { toAnthropicErrorBody } from '../errors/anthropic-error-body.js';
import type { OpenAIErrorBody } from '../errors/gateway-error.js';
import { toErrorResponse } from '../errors/to-error-response.js';
import type { Logger } from '../logging/logger.js';
import type { SseEvent, StreamFormat } from './gateway-response.js';
import { formatSseEvent } from './sse.js';

/**
 * The text frames of an SSE response. An error after the stream started cannot change the
 * status any more, so it becomes a final error event in the client's API: for chat a
 * `data: {"error": …}` chunk, as OpenAI sends it; for Responses the spec's `error` event
 * (ResponseErrorEvent), numbered after the last event sent; for Messages Anthropic's
 * `event: error` with `{type: "error", error: {type, message}}`.
 */
export async function* sseChunks(events: AsyncIterable<SseEvent>, logger?: Logger, format: StreamFormat = 'chat'): AsyncGenerator<string> {
  // Only the last event is kept (one assignment per event): its sequence_number numbers the error.
  let last: SseEvent | undefined;
  let count = 0;
  try {
    for await (const event of events) {
      last = event;
      count++;
      yield formatSseEvent(event);
    }
  } catch (error) {
    const response = toErrorResponse(error, logger);
    const body = response.body as OpenAIErrorBody;
    if (format === 'messages') yield formatSseEvent({ event: 'error', data: toAnthropicErrorBody(response.status, body.error.message) });
    else yield formatSseEvent(format === 'responses' ? responsesErrorEvent(body.error, nextSequenceNumber(last, count)) : { data: body });
  }
}

/** The spec's ResponseErrorEvent: `event: error` with `{type, code, message, param, sequence_number}`. */
export function responsesErrorEvent(error: OpenAIErrorBody['error'], sequenceNumber: number): SseEvent {
  return {
    event: 'error',
    data: { type: 'error', code: error.code, message: error.message, param: error.param, sequence_number: sequenceNumber },
  };
}

function nextSequenceNumber(last: SseEvent | undefined, count: number): number {
  const sequence = (last?.data as { sequence_number?: unknown } | undefined)?.sequence_number;
  return typeof sequence === 'number' ? sequence + 1 : count;
}
