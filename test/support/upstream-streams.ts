import type { ServerResponse } from 'node:http';

/**
 * Scripted upstream answers for custom `FakeUpstream.handle(...)` handlers: Responses event
 * streams and Chat chunk streams framed as OpenAI frames them, plus two parallel function calls
 * in both APIs' shapes.
 */

/** Streams Responses events: `event: <type>`, data with `type` and an increasing `sequence_number`. */
export function sendResponsesEvents(response: ServerResponse, events: readonly Record<string, unknown>[]): void {
  startSse(response);
  events.forEach((event, sequence) => {
    const type = String(event.type);
    response.write(`event: ${type}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence })}\n\n`);
  });
  response.end();
}

/** Streams chat.completion.chunk objects (id, model … filled in), then `data: [DONE]`. */
export function sendChatChunks(response: ServerResponse, model: string, chunks: readonly Record<string, unknown>[]): void {
  startSse(response);
  for (const chunk of chunks) {
    const data = { id: 'chatcmpl-tools', object: 'chat.completion.chunk', created: 1_700_000_000, model, ...chunk };
    response.write(`data: ${JSON.stringify(data)}\n\n`);
  }
  response.end('data: [DONE]\n\n');
}

function startSse(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

/** Responses usage with cached input and reasoning tokens, and its Chat Completions form. */
export const RESPONSES_USAGE = {
  input_tokens: 1200,
  input_tokens_details: { cached_tokens: 1000 },
  output_tokens: 300,
  output_tokens_details: { reasoning_tokens: 200 },
  total_tokens: 1500,
};
export const RESPONSES_USAGE_AS_CHAT = {
  prompt_tokens: 1200,
  completion_tokens: 300,
  total_tokens: 1500,
  prompt_tokens_details: { cached_tokens: 1000 },
  completion_tokens_details: { reasoning_tokens: 200 },
};

/** The two calls every parallel-tool-call fixture makes, with their final arguments. */
export interface FunctionCall {
  readonly call_id: string;
  readonly name: string;
  readonly arguments: string;
}
export const WEATHER_CALL: FunctionCall = { call_id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris"}' };
export const TIME_CALL: FunctionCall = { call_id: 'call_time', name: 'get_time', arguments: '{"zone":"CET"}' };

/** Function tools the calls above belong to, in Chat Completions form. */
export const CHAT_TOOLS = [
  {
    type: 'function' as const,
    function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
  {
    type: 'function' as const,
    function: { name: 'get_time', description: 'Time by zone', parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] } },
  },
];

const REASONING_ITEM = { id: 'rs_1', type: 'reasoning', summary: [] };
const weatherItem = { id: 'fc_weather', type: 'function_call', status: 'completed', ...WEATHER_CALL };
const timeItem = { id: 'fc_time', type: 'function_call', status: 'completed', ...TIME_CALL };

/**
 * A completed Response whose output is a reasoning item then two function calls. The reasoning
 * item comes first on purpose: the calls sit at output_index 1 and 2, but must become Chat tool
 * calls 0 and 1.
 */
export function parallelCallsResponse(model: string) {
  return {
    id: 'resp_parallel',
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model,
    output: [REASONING_ITEM, weatherItem, timeItem],
    parallel_tool_calls: true,
    usage: RESPONSES_USAGE,
  };
}

/** The same Response as an event stream, with the two calls' argument deltas interleaved. */
export function parallelCallsEvents(model: string): Record<string, unknown>[] {
  const done = parallelCallsResponse(model);
  const started = { ...done, status: 'in_progress', output: [], usage: null };
  const added = (outputIndex: number, item: Record<string, unknown>) => ({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: { ...item, status: 'in_progress', arguments: '' },
  });
  const delta = (outputIndex: number, itemId: string, text: string) => ({
    type: 'response.function_call_arguments.delta',
    item_id: itemId,
    output_index: outputIndex,
    delta: text,
  });
  return [
    { type: 'response.created', response: started },
    { type: 'response.in_progress', response: started },
    { type: 'response.output_item.added', output_index: 0, item: REASONING_ITEM },
    { type: 'response.output_item.done', output_index: 0, item: REASONING_ITEM },
    added(1, weatherItem),
    added(2, timeItem),
    delta(1, 'fc_weather', '{"ci'),
    delta(2, 'fc_time', '{"zo'),
    delta(1, 'fc_weather', 'ty":"Par'),
    delta(2, 'fc_time', 'ne":"CET"}'),
    delta(1, 'fc_weather', 'is"}'),
    { type: 'response.function_call_arguments.done', item_id: 'fc_time', output_index: 2, arguments: TIME_CALL.arguments },
    { type: 'response.output_item.done', output_index: 2, item: timeItem },
    { type: 'response.function_call_arguments.done', item_id: 'fc_weather', output_index: 1, arguments: WEATHER_CALL.arguments },
    { type: 'response.output_item.done', output_index: 1, item: weatherItem },
    { type: 'response.completed', response: done },
  ];
}

const chatCall = (call: FunctionCall) => ({
  id: call.call_id,
  type: 'function',
  function: { name: call.name, arguments: call.arguments },
});

/** A chat.completion answering with two parallel tool calls. */
export function parallelCallsCompletion(model: string) {
  return {
    id: 'chatcmpl-tools',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, refusal: null, tool_calls: [chatCall(WEATHER_CALL), chatCall(TIME_CALL)] },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ],
    usage: RESPONSES_USAGE_AS_CHAT,
  };
}

/** The same answer as chat chunks, the two calls' argument deltas interleaved by `index`. */
export function parallelCallsChunks(includeUsage: boolean): Record<string, unknown>[] {
  const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const argumentsDelta = (index: number, text: string) => choice({ tool_calls: [{ index, function: { arguments: text } }] });
  const opened = (index: number, call: FunctionCall) =>
    choice({ tool_calls: [{ index, id: call.call_id, type: 'function', function: { name: call.name, arguments: '' } }] });
  const chunks: Record<string, unknown>[] = [
    choice({ role: 'assistant', content: null }),
    opened(0, WEATHER_CALL),
    opened(1, TIME_CALL),
    argumentsDelta(0, '{"city":'),
    argumentsDelta(1, '{"zone":'),
    argumentsDelta(0, '"Paris"}'),
    argumentsDelta(1, '"CET"}'),
    choice({}, 'tool_calls'),
  ];
  if (includeUsage) chunks.push({ choices: [], usage: RESPONSES_USAGE_AS_CHAT });
  return chunks;
}
