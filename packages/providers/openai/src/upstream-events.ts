import { parseSseStream, redactStreamErrors, type SseEvent } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { mapTransportError, type TransportErrorContext } from './map-transport-error.js';

/**
 * The upstream SSE body as events. A transport failure mid-stream (timeout, reset) becomes a
 * GatewayError so the client's final error event says what happened; a consumer that stops
 * early destroys the body, which closes the upstream socket.
 */
export async function* upstreamEvents(body: Dispatcher.ResponseData['body'], context: TransportErrorContext): AsyncGenerator<SseEvent> {
  try {
    yield* redactStreamErrors(parseSseStream(body), context.target.redactor);
  } catch (error) {
    throw mapTransportError(error, context);
  } finally {
    if (!body.destroyed) body.destroy();
  }
}
