import { toErrorResponse } from '../errors/to-error-response.js';
import type { Logger } from '../logging/logger.js';
import type { SseEvent } from './gateway-response.js';
import { formatSseEvent } from './sse.js';

/**
 * The text frames of an SSE response. An error after the stream started cannot change the
 * status any more, so it becomes a final `data: {"error": …}` event, as OpenAI sends it.
 */
export async function* sseChunks(events: AsyncIterable<SseEvent>, logger?: Logger): AsyncGenerator<string> {
  try {
    for await (const event of events) yield formatSseEvent(event);
  } catch (error) {
    yield formatSseEvent({ data: toErrorResponse(error, logger).body });
  }
}
