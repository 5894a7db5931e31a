// Scripted Anthropic answers for @switchyard/provider-testkit, in the Messages API's wire
// format (shared/data/anthropic-openapi.yml: Message, MessageStreamEvent, ErrorResponse).
import { CONFORMANCE_PARALLEL_TOOL_CALLS, CONFORMANCE_TEXT, CONFORMANCE_TOOL_CALL, sseFrames, type ProviderFixtures } from '@switchyard/provider-testkit';

const MODEL = 'claude-sonnet-4-5-20250929';
const usage = { input_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10 };

function message(id: string, content: unknown[], stopReason: string) {
  return { id, type: 'message', role: 'assistant', model: MODEL, content, stop_reason: stopReason, stop_sequence: null, usage };
}

const start = (id: string) => ({
  event: 'message_start',
  data: { type: 'message_start', message: { ...message(id, [], 'end_turn'), stop_reason: null, usage: { ...usage, output_tokens: 1 } } },
});
const finish = (stopReason: string) => [
  { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage } },
  { event: 'message_stop', data: { type: 'message_stop' } },
];

function toolStream(calls: readonly { name: string; arguments: Readonly<Record<string, unknown>> }[]) {
  const events: unknown[] = [start('msg_tools')];
  calls.forEach((call, index) => {
    const json = JSON.stringify(call.arguments);
    events.push(
      { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_${index}`, name: call.name, input: {} } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(0, 5) } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(5) } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index } },
    );
  });
  return sseFrames([...events, ...finish('tool_use')]);
}

const toolUse = (calls: readonly { name: string; arguments: Readonly<Record<string, unknown>> }[]) =>
  message('msg_tools', calls.map((call, index) => ({ type: 'tool_use', id: `toolu_${index}`, name: call.name, input: call.arguments })), 'tool_use');

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
};

export const anthropicConformanceFixtures: ProviderFixtures = {
  text: {
    json: { body: message('msg_text', [{ type: 'text', text: CONFORMANCE_TEXT }], 'end_turn') },
    stream: {
      chunks: sseFrames([
        start('msg_text'),
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
        { event: 'ping', data: { type: 'ping' } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: CONFORMANCE_TEXT.slice(0, 6) } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: CONFORMANCE_TEXT.slice(6) } } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        ...finish('end_turn'),
      ]),
    },
  },
  toolCall: { json: { body: toolUse([CONFORMANCE_TOOL_CALL]) }, stream: { chunks: toolStream([CONFORMANCE_TOOL_CALL]) } },
  parallelToolCalls: { json: { body: toolUse(CONFORMANCE_PARALLEL_TOOL_CALLS) }, stream: { chunks: toolStream(CONFORMANCE_PARALLEL_TOOL_CALLS) } },
  error: (status, text) => ({ status, body: { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message: text }, request_id: 'req_conformance' } }),
  streamStart: sseFrames([
    start('msg_cut'),
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } } },
  ]),
};
