// Scripted OpenAI Chat Completions answers for @switchyard/provider-testkit.
import { CONFORMANCE_PARALLEL_TOOL_CALLS, CONFORMANCE_TEXT, CONFORMANCE_TOOL_CALL, sseFrames, type ProviderFixtures } from '@switchyard/provider-testkit';

const usage = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30, prompt_tokens_details: { cached_tokens: 0 } };
const base = { id: 'chatcmpl-conformance', created: 1_760_000_000, model: 'gpt-5.5' };

const completion = (message: Record<string, unknown>, finish: string) => ({
  ...base,
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finish }],
  usage,
});
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  ...base,
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  usage: null,
});
// Core always asks the upstream for usage (stream_options.include_usage), so the stream ends with it.
const usageChunk = { ...base, object: 'chat.completion.chunk', choices: [], usage };

type Call = { name: string; arguments: Readonly<Record<string, unknown>> };
const toolCalls = (calls: readonly Call[]) =>
  calls.map((call, index) => ({ id: `call_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
const toolStream = (calls: readonly Call[]) =>
  sseFrames([
    chunk({ role: 'assistant', content: null }),
    ...calls.flatMap((call, index) => {
      const json = JSON.stringify(call.arguments);
      return [
        chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] }),
        chunk({ tool_calls: [{ index, function: { arguments: json.slice(0, 4) } }] }),
        chunk({ tool_calls: [{ index, function: { arguments: json.slice(4) } }] }),
      ];
    }),
    chunk({}, 'tool_calls'),
    usageChunk,
    '[DONE]',
  ]);

export const openaiConformanceFixtures: ProviderFixtures = {
  text: {
    json: { body: completion({ content: CONFORMANCE_TEXT }, 'stop') },
    stream: {
      chunks: sseFrames([
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: CONFORMANCE_TEXT.slice(0, 5) }),
        chunk({ content: CONFORMANCE_TEXT.slice(5) }),
        chunk({}, 'stop'),
        usageChunk,
        '[DONE]',
      ]),
    },
  },
  toolCall: { json: { body: completion({ content: null, tool_calls: toolCalls([CONFORMANCE_TOOL_CALL]) }, 'tool_calls') }, stream: { chunks: toolStream([CONFORMANCE_TOOL_CALL]) } },
  parallelToolCalls: {
    json: { body: completion({ content: null, tool_calls: toolCalls(CONFORMANCE_PARALLEL_TOOL_CALLS) }, 'tool_calls') },
    stream: { chunks: toolStream(CONFORMANCE_PARALLEL_TOOL_CALLS) },
  },
  responses: {
    body: {
      id: 'resp_conformance',
      object: 'response',
      created_at: 1_760_000_000,
      status: 'completed',
      model: 'gpt-5.5',
      output: [{ id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: CONFORMANCE_TEXT, annotations: [] }] }],
      usage: { input_tokens: 20, output_tokens: 10, total_tokens: 30, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    },
  },
  error: (status, message) => ({ status, body: { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null } } }),
  streamStart: sseFrames([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' })]),
};
