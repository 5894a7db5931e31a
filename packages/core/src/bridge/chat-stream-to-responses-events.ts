import { SSE_DONE, type SseEvent } from '../http/gateway-response.js';
import type { ChatChunk, ChatUsage } from './chat-api.js';
import type { ResponsesRequest } from './responses-api.js';
import { isGatewayError } from '../errors/gateway-error.js';
import { upstreamStreamError, upstreamStreamTruncated } from './bridge-errors.js';
import { ResponsesEventBuilder } from './responses-event-builder.js';

/**
 * `chat.completion.chunk` events → the Responses event stream. The Response is finished after
 * the upstream's last chunk, because the usage chunk follows the one with finish_reason.
 */
export async function* chatStreamToResponsesEvents(events: AsyncIterable<SseEvent>, request: ResponsesRequest): AsyncGenerator<SseEvent> {
  let builder: ResponsesEventBuilder | undefined;
  let finishReason: string | undefined;
  let usage: ChatUsage | undefined;
  try {
    for await (const { data } of events) {
      if (data === SSE_DONE) break;
      const chunk = data as ChatChunk;
      if (chunk.error !== undefined) throw upstreamStreamError(chunk.error.message, chunk.error.code);
      if (builder === undefined) {
        builder = new ResponsesEventBuilder(request, chunk);
        yield* builder.start();
      }
      for (const choice of chunk.choices ?? []) {
        // The bridge never asks for n > 1; a server that sends more choices gets the first shown.
        if ((choice.index ?? 0) !== 0) continue;
        const delta = choice.delta ?? {};
        if (delta.content) yield* builder.text(delta.content);
        if (delta.refusal) yield* builder.refusal(delta.refusal);
        for (const call of delta.tool_calls ?? []) yield* builder.toolCall(call);
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    if (builder === undefined || finishReason === undefined) throw upstreamStreamTruncated('no chunk with a finish_reason arrived');
  } catch (error) {
    // Anything but a GatewayError is a bug: left to the writer, which logs it.
    if (!isGatewayError(error)) throw error;
    // A stream the upstream broke (an error chunk, a cut socket, a timeout) ends the way a
    // failed Responses stream does: `error`, then `response.failed`.
    builder ??= new ResponsesEventBuilder(request, {});
    yield* builder.fail(error.toJSON().error);
    return;
  }
  yield* builder.finish(finishReason, usage);
}
