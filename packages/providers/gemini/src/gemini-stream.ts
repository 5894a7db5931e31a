import { GatewayError, parseSseStream, redactStreamErrors, SSE_DONE, type ProviderCall, type SseEvent } from '@switchyard/core';
import { mapTransportError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { assertNotBlocked, finishReason, mapParts, toOpenAIUsage } from './from-gemini-response.js';
import type { GeminiTarget } from './gemini-target.js';

type Json = Record<string, unknown>;

/**
 * Gemini's SSE stream (`streamGenerateContent?alt=sse`, one GenerateContentResponse per event)
 * as OpenAI chat chunks. Function calls arrive whole, each given the next tool-call index, so
 * parallel calls in one event or across events keep distinct indexes. usageMetadata is
 * cumulative: the last one is sent, once, in a usage chunk after the finish chunk (when the
 * client asked for it — core asks on its behalf and strips it). A stream that ends without a
 * finishReason is reported as truncated, not as a clean end.
 */
export async function* geminiChunks(body: Dispatcher.ResponseData['body'], call: ProviderCall, target: GeminiTarget, id: string): AsyncGenerator<SseEvent> {
  const created = Math.floor(Date.now() / 1000);
  let model = call.deployment.upstreamModel;
  let usage: unknown;
  let finished = false;
  let started = false;
  let toolCalls = 0;
  const chunk = (delta: Json, finish: string | null): SseEvent => ({
    data: { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] },
  });
  try {
    for await (const event of redactStreamErrors(parseSseStream(body, target.sseOptions), target.redactor)) {
      if (typeof event.data !== 'object' || event.data === null) continue;
      const response = event.data as Json;
      if (typeof response.error === 'object' && response.error !== null) {
        const error = response.error as Json;
        throw new GatewayError('upstream_error', String(error.message ?? 'Gemini reported an error mid-stream.'), { status: 502 });
      }
      assertNotBlocked(response, target.label);
      if (typeof response.modelVersion === 'string') model = response.modelVersion;
      if (response.usageMetadata !== undefined) usage = response.usageMetadata;
      const candidate = Array.isArray(response.candidates) ? (response.candidates[0] as Json | undefined) : undefined;
      if (candidate === undefined) continue;
      const { text, reasoning, toolCalls: calls } = mapParts(candidate, toolCalls);
      toolCalls += calls.length;
      if (!started) {
        started = true;
        yield chunk({ role: 'assistant', content: '' }, null);
      }
      if (reasoning !== '') yield chunk({ reasoning_content: reasoning }, null);
      if (text !== '') yield chunk({ content: text }, null);
      if (calls.length > 0) yield chunk({ tool_calls: calls }, null);
      const finish = finishReason(candidate.finishReason, toolCalls > 0);
      if (finish !== null) {
        finished = true;
        yield chunk({}, finish);
      }
    }
  } catch (error) {
    throw mapTransportError(error, { target, call });
  } finally {
    if (!body.destroyed) body.destroy();
  }
  if (!finished) throw new GatewayError('upstream_invalid_response', `The upstream stream for ${target.label} ended early: no candidate with a finishReason arrived.`);
  const options = call.body.stream_options as Json | undefined;
  if (options?.include_usage === true) {
    yield { data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage: toOpenAIUsage(usage) ?? null } };
  }
  yield { data: SSE_DONE };
}
