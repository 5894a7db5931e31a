// Scripted Azure OpenAI answers for @switchyard/provider-testkit, as Azure sends them: chat
// completions with `content_filter_results` per choice, a stream that opens with a
// `prompt_filter_results` chunk (empty id, no choices) before the role, and Azure's error
// bodies (`{"error": {"code": "429", "message": …}}`).
import { CONFORMANCE_PARALLEL_TOOL_CALLS, CONFORMANCE_TEXT, CONFORMANCE_TOOL_CALL, sseFrames, type ProviderFixtures } from '@switchyard/provider-testkit';

const filters = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
const promptFilters = [{ prompt_index: 0, content_filter_results: filters }];
const usage = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 } };
const base = { id: 'chatcmpl-AzConformance01', created: 1_760_000_000, model: 'gpt-4o-2024-11-20', system_fingerprint: 'fp_ee1d74bde0' };

const completion = (message: Record<string, unknown>, finish: string) => ({
  ...base,
  object: 'chat.completion',
  prompt_filter_results: promptFilters,
  choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finish, content_filter_results: filters }],
  usage,
});
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  ...base,
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish, content_filter_results: finish === null && Object.keys(delta).length > 0 ? filters : {} }],
  usage: null,
});
/** Azure's first stream event: the prompt's filter results, with no id, model or choices. */
const promptFilterChunk = { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: promptFilters };
const usageChunk = { ...base, object: 'chat.completion.chunk', choices: [], usage };

type Call = { name: string; arguments: Readonly<Record<string, unknown>> };
const toolCalls = (calls: readonly Call[]) => calls.map((call, index) => ({ id: `call_az${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
const toolStream = (calls: readonly Call[]) =>
  sseFrames([
    promptFilterChunk,
    chunk({ role: 'assistant', content: null }),
    ...calls.flatMap((call, index) => {
      const json = JSON.stringify(call.arguments);
      return [
        chunk({ tool_calls: [{ index, id: `call_az${index}`, type: 'function', function: { name: call.name, arguments: '' } }] }),
        chunk({ tool_calls: [{ index, function: { arguments: json.slice(0, 4) } }] }),
        chunk({ tool_calls: [{ index, function: { arguments: json.slice(4) } }] }),
      ];
    }),
    chunk({}, 'tool_calls'),
    usageChunk,
    '[DONE]',
  ]);

export const azureConformanceFixtures: ProviderFixtures = {
  text: {
    json: { body: completion({ content: CONFORMANCE_TEXT }, 'stop'), headers: { 'apim-request-id': 'a1b2c3', 'x-ms-region': 'Sweden Central' } },
    stream: {
      chunks: sseFrames([promptFilterChunk, chunk({ role: 'assistant', content: '' }), chunk({ content: CONFORMANCE_TEXT.slice(0, 5) }), chunk({ content: CONFORMANCE_TEXT.slice(5) }), chunk({}, 'stop'), usageChunk, '[DONE]']),
    },
  },
  toolCall: { json: { body: completion({ content: null, tool_calls: toolCalls([CONFORMANCE_TOOL_CALL]) }, 'tool_calls') }, stream: { chunks: toolStream([CONFORMANCE_TOOL_CALL]) } },
  parallelToolCalls: { json: { body: completion({ content: null, tool_calls: toolCalls(CONFORMANCE_PARALLEL_TOOL_CALLS) }, 'tool_calls') }, stream: { chunks: toolStream(CONFORMANCE_PARALLEL_TOOL_CALLS) } },
  // Azure serves the Responses API itself (`/openai/responses?api-version=…`).
  responses: {
    body: {
      id: 'resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b',
      object: 'response',
      created_at: 1_760_000_000,
      status: 'completed',
      model: 'gpt-4o-2024-11-20',
      output: [{ id: 'msg_68af40337', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: CONFORMANCE_TEXT, annotations: [] }] }],
      usage: { input_tokens: 20, output_tokens: 10, total_tokens: 30, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
      content_filters: null,
    },
  },
  error: (status, message) => ({ status, body: { error: { code: String(status), message } } }),
  streamStart: sseFrames([promptFilterChunk, chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' })]),
};
