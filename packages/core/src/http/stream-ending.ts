import type { SseEvent, StreamFormat } from './gateway-response.js';

/**
 * How an upstream stream ended, judged once, at its end, from the last event before `[DONE]`
 * (so the per-event cost is one assignment):
 * - `complete`: it ended as its API ends a stream: chat with `[DONE]` (or an error chunk, which
 *   is its own end), Responses with `response.completed` / `.incomplete` / `.failed` / `error`;
 * - `needs-done`: a chat stream that finished (a finish_reason or the usage chunk arrived) but
 *   lacks the `[DONE]` clients wait for;
 * - `truncated`: anything else: the socket was closed mid-answer.
 */
export type StreamEnding = 'complete' | 'needs-done' | 'truncated';

const RESPONSES_TERMINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

export function streamEnding(format: StreamFormat, last: SseEvent | undefined, sawDone: boolean): StreamEnding {
  if (format === 'messages') {
    return last?.event === 'message_stop' || last?.event === 'error' ? 'complete' : 'truncated';
  }
  if (format === 'responses') {
    if (last === undefined) return 'truncated';
    if (last.event === 'error') return 'complete';
    const type = (last.data as { type?: unknown } | null)?.type;
    return typeof type === 'string' && RESPONSES_TERMINAL_TYPES.has(type) ? 'complete' : 'truncated';
  }
  if (sawDone) return 'complete';
  const chunk = last?.data;
  if (typeof chunk !== 'object' || chunk === null) return 'truncated';
  const record = chunk as { error?: unknown; usage?: unknown; choices?: unknown };
  if (record.error !== undefined && record.error !== null) return 'complete';
  if (record.usage !== undefined && record.usage !== null) return 'needs-done';
  const choices = Array.isArray(record.choices) ? (record.choices as { finish_reason?: unknown }[]) : [];
  return choices.some((choice) => typeof choice?.finish_reason === 'string') ? 'needs-done' : 'truncated';
}
