import { describe, expect, it } from 'vitest';
import { extractMessagesUsage } from '../bridge/messages-usage.js';
import type { SseEvent } from '../http/gateway-response.js';
import { meterStream, type StreamEnd } from './meter-stream.js';

async function* events(list: readonly SseEvent[]): AsyncGenerator<SseEvent> {
  yield* list;
}

async function meter(list: readonly SseEvent[]): Promise<{ passed: SseEvent[]; end: StreamEnd }> {
  let end: StreamEnd | undefined;
  const passed: SseEvent[] = [];
  for await (const event of meterStream(events(list), { format: 'messages', stripUsage: false, onStart: () => undefined, onEnd: (value) => (end = value) })) passed.push(event);
  return { passed, end: end! };
}

describe('meterStream on a Messages stream', () => {
  it('folds message_start and the cumulative message_delta usage, never adding, and passes every event as it came', async () => {
    const list: SseEvent[] = [
      {
        event: 'message_start',
        data: { type: 'message_start', message: { model: 'claude-x', usage: { input_tokens: 50, cache_read_input_tokens: 3000, cache_creation_input_tokens: 1200, cache_creation: { ephemeral_1h_input_tokens: 1000 }, output_tokens: 1 } } },
        raw: '{"type":"message_start"}',
      },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 70 } } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 140 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ];
    const { passed, end } = await meter(list);
    expect(passed).toEqual(list);
    expect(end).toMatchObject({ outcome: 'success', model: 'claude-x' });
    expect(extractMessagesUsage(end.usage)).toEqual({ inputTokens: 4250, outputTokens: 140, cachedInputTokens: 3000, cacheWriteTokens: 1200, cacheWrite1hTokens: 1000, reasoningTokens: 0 });
  });

  it('counts an error event as a failed stream', async () => {
    const { end } = await meter([{ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }]);
    expect(end.outcome).toBe('error');
  });
});
