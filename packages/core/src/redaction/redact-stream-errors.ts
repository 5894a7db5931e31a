import type { SseEvent } from '../http/gateway-response.js';
import type { Redactor } from './create-redactor.js';

/**
 * An error event inside a 200 stream: chat's `data: {"error": …}` chunk, Responses' `error`
 * and `response.failed` events (named by `event:` or by `type`). Two property reads per event:
 * this runs for every chunk of every stream, and success chunks are never copied.
 */
export function isErrorEvent(event: SseEvent): boolean {
  if (event.event === 'error') return true;
  const data = event.data;
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  const type = record.type;
  if (type === 'error' || type === 'response.failed') return true;
  return record.error !== undefined && record.error !== null;
}

/** The event with every string of its data redacted when it is an error event; otherwise itself. */
export function redactErrorEvent(event: SseEvent, redactor: Redactor): SseEvent {
  if (!isErrorEvent(event)) return event;
  return event.event === undefined ? { data: redactor.deep(event.data) } : { event: redactor.text(event.event), data: redactor.deep(event.data) };
}

/**
 * An upstream stream with its error events redacted. A hand-written iterator rather than an
 * async generator: one promise reaction per event, and `return()` reaches the upstream (a client
 * that leaves closes the upstream socket).
 */
export function redactStreamErrors(events: AsyncIterable<SseEvent>, redactor: Redactor): AsyncIterable<SseEvent> {
  return {
    [Symbol.asyncIterator]() {
      const inner = events[Symbol.asyncIterator]();
      const redact = (result: IteratorResult<SseEvent>): IteratorResult<SseEvent> => {
        if (result.done === true || !isErrorEvent(result.value)) return result;
        return { done: false, value: redactErrorEvent(result.value, redactor) };
      };
      return {
        next: () => inner.next().then(redact),
        return: (value?: unknown) => inner.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
        throw: (error?: unknown) => inner.throw?.(error) ?? Promise.reject(error),
      };
    },
  };
}
