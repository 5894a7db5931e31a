import {
  GatewayError,
  mapTransportError,
  parseSseStream,
  redactStreamErrors,
  SSE_DONE,
  streamEnding,
  type SseEvent,
  type StreamFormat,
  type TransportErrorContext,
} from '@switchyard/core';
import type { Dispatcher } from 'undici';
import type { UpstreamTarget } from './upstream-target.js';

export interface UpstreamEventsContext extends TransportErrorContext {
  readonly target: UpstreamTarget;
  /** The upstream's API: it decides what a properly ended stream looks like. */
  readonly format: StreamFormat;
}

/**
 * The upstream SSE body as events. A transport failure mid-stream (timeout, reset) becomes a
 * GatewayError so the client's final error event says what happened; so does a stream that
 * ends without its API's last event (a cut socket, a proxy that closed early), rather than
 * passing for a clean end. A finished chat stream without `[DONE]` gets one. A consumer that
 * stops early destroys the body, which closes the upstream socket.
 */
export async function* upstreamEvents(body: Dispatcher.ResponseData['body'], context: UpstreamEventsContext): AsyncGenerator<SseEvent> {
  // The last event other than [DONE]: one assignment per event, judged once at the end.
  let last: SseEvent | undefined;
  let sawDone = false;
  try {
    // Error events are redacted (an upstream may echo the key it was sent); others pass untouched.
    for await (const event of redactStreamErrors(parseSseStream(body, context.target.sseOptions), context.target.redactor)) {
      if (event.data === SSE_DONE) sawDone = true;
      else last = event;
      yield event;
    }
  } catch (error) {
    throw mapTransportError(error, context);
  } finally {
    if (!body.destroyed) body.destroy();
  }
  const ending = streamEnding(context.format, last, sawDone);
  if (ending === 'needs-done') yield { data: SSE_DONE };
  else if (ending === 'truncated') throw truncated(context);
}

function truncated({ target, format }: UpstreamEventsContext): GatewayError {
  const expected = format === 'chat' ? 'no [DONE] and no chunk with a finish_reason' : 'no response.completed, response.incomplete or response.failed event';
  return new GatewayError('upstream_invalid_response', `The upstream stream for ${target.label} ended early: ${expected} arrived.`);
}
