// Scripted Gemini answers for @switchyard/provider-testkit, in the Generative Language API's
// wire format (GenerateContentResponse; `streamGenerateContent?alt=sse` events each a whole
// GenerateContentResponse, usageMetadata cumulative; Google's `{"error": {code, message, status}}`).
import { CONFORMANCE_PARALLEL_TOOL_CALLS, CONFORMANCE_TEXT, CONFORMANCE_TOOL_CALL, type ProviderFixtures } from '@switchyard/provider-testkit';

const MODEL = 'gemini-2.5-flash';
const usageMetadata = { promptTokenCount: 20, candidatesTokenCount: 10, totalTokenCount: 30, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 20 }] };
type Call = { readonly name: string; readonly arguments: Readonly<Record<string, unknown>> };

const response = (parts: unknown[], finishReason?: string, withUsage = true) => ({
  candidates: [{ content: { role: 'model', parts }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 }],
  ...(withUsage ? { usageMetadata } : { usageMetadata: { promptTokenCount: 20, totalTokenCount: 20 } }),
  modelVersion: MODEL,
  responseId: 'Vx3mZ-conformance',
});
/** Gemini's SSE framing: `data: {…}` lines separated by CRLF pairs. */
const sse = (events: unknown[]) => events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`);
const calls = (list: readonly Call[]) => list.map((call) => ({ functionCall: { name: call.name, args: call.arguments } }));

const STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

export const geminiConformanceFixtures: ProviderFixtures = {
  text: {
    json: { body: response([{ text: CONFORMANCE_TEXT }], 'STOP') },
    stream: { chunks: sse([response([{ text: CONFORMANCE_TEXT.slice(0, 6) }], undefined, false), response([{ text: CONFORMANCE_TEXT.slice(6) }], 'STOP')]) },
  },
  toolCall: { json: { body: response(calls([CONFORMANCE_TOOL_CALL]), 'STOP') }, stream: { chunks: sse([response(calls([CONFORMANCE_TOOL_CALL]), 'STOP')]) } },
  // Gemini 3 streams parallel calls one per event (vercel/ai issue 16298): indexes must still be 0 and 1.
  parallelToolCalls: {
    json: { body: response(calls(CONFORMANCE_PARALLEL_TOOL_CALLS), 'STOP') },
    stream: { chunks: sse([response(calls(CONFORMANCE_PARALLEL_TOOL_CALLS.slice(0, 1)), undefined, false), response(calls(CONFORMANCE_PARALLEL_TOOL_CALLS.slice(1)), 'STOP')]) },
  },
  error: (status, message) => ({ status, body: { error: { code: status, message, status: STATUS[status] ?? 'UNKNOWN' } } }),
  streamStart: sse([response([{ text: 'Hel' }], undefined, false)]),
};
