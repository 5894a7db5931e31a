import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { GatewayError } from '../errors/gateway-error.js';
import { SSE_DONE, type SseEvent } from './gateway-response.js';

/** Serializes one event exactly as OpenAI frames them: `data: {...}\n\n`, `data: [DONE]\n\n`. */
export function formatSseEvent(event: SseEvent): string {
  const data = event.raw ?? (event.data === SSE_DONE ? SSE_DONE : JSON.stringify(event.data));
  return event.event === undefined ? `data: ${data}\n\n` : `event: ${event.event}\ndata: ${data}\n\n`;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // Tells nginx and similar reverse proxies not to buffer the stream.
  'x-accel-buffering': 'no',
};

export interface ParseSseOptions {
  /**
   * The largest single event in bytes, counted from the end of the previous event (so exact to
   * within one network read). Bounds what the parser buffers while it waits for a blank line.
   */
  readonly maxEventBytes?: number;
  /** The error thrown when an event outgrows `maxEventBytes`. */
  readonly tooLarge?: () => unknown;
  /** Keep each event's data line as sent (`SseEvent.raw`), for a byte-faithful pass-through. */
  readonly keepRaw?: boolean;
}

/**
 * Parses an upstream SSE byte stream into events with JSON data. `[DONE]` is passed through
 * as the sentinel. A data line that is not JSON ends the stream with an error.
 */
export async function* parseSseStream(body: AsyncIterable<Uint8Array | string>, options: ParseSseOptions = {}): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  const limit = options.maxEventBytes ?? Number.POSITIVE_INFINITY;
  // Bytes fed since an event last completed: one addition per network read.
  let eventBytes = 0;
  for await (const chunk of body) {
    eventBytes += chunk.length;
    if (eventBytes > limit) throw options.tooLarge?.() ?? eventTooLarge(limit);
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (pending.length === 0) continue;
    eventBytes = 0;
    while (pending.length > 0) yield toSseEvent(pending.shift()!, options.keepRaw === true);
  }
  parser.feed(decoder.decode());
  parser.reset({ consume: true });
  while (pending.length > 0) yield toSseEvent(pending.shift()!, options.keepRaw === true);
}

function eventTooLarge(limit: number): GatewayError {
  return new GatewayError('upstream_response_too_large', `The upstream stream sent an event larger than ${limit} bytes.`);
}

function toSseEvent(message: EventSourceMessage, keepRaw: boolean): SseEvent {
  if (message.data === SSE_DONE) return { data: SSE_DONE };
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    throw new GatewayError('upstream_invalid_response', 'The upstream stream sent an event whose data is not JSON.');
  }
  // A data line that held newlines was several `data:` lines; it is re-serialized instead.
  if (keepRaw && !message.data.includes('\n')) return message.event === undefined || message.event === 'message' ? { data, raw: message.data } : { event: message.event, data, raw: message.data };
  return message.event === undefined || message.event === 'message' ? { data } : { event: message.event, data };
}
