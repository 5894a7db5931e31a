import type { GatewayResponse, SseEvent } from '../http/gateway-response.js';
import { SSE_DONE } from '../http/gateway-response.js';
import type { Provider, ProviderCall } from './provider.js';

/**
 * Serves deployments with `litellm_params.mock_response` (LiteLLM's knob) locally: no key, no
 * network. Useful to try the gateway offline and to test host apps. Token counts are estimated
 * at four characters a token.
 */
export function createMockProvider(): Provider {
  return {
    endpoints: new Set(['chat.completions', 'responses', 'embeddings']),
    async send(call) {
      const text = call.deployment.mockResponse ?? '';
      const created = Math.floor(Date.now() / 1000);
      const id = call.requestId.replace(/[^\w-]/g, '');
      const inputTokens = estimateTokens(JSON.stringify(call.body.messages ?? call.body.input ?? ''));
      const outputTokens = estimateTokens(text);
      switch (call.endpoint) {
        case 'embeddings':
          return json(embeddings(call, inputTokens));
        case 'responses':
          return call.stream
            ? stream(responsesEvents(id, call, text, created, inputTokens, outputTokens))
            : json(responseObject(id, call, text, created, inputTokens, outputTokens));
        case 'chat.completions': {
          const usage = { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
          if (!call.stream) {
            return json({
              id: `chatcmpl-${id}`,
              object: 'chat.completion',
              created,
              model: call.deployment.upstreamModel,
              choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
              usage,
            });
          }
          return stream(chatEvents(`chatcmpl-${id}`, call, text, created, usage));
        }
      }
    },
  };
}

function json(body: unknown): GatewayResponse {
  return { kind: 'json', status: 200, headers: {}, body };
}

function stream(events: AsyncIterable<SseEvent>): GatewayResponse {
  return { kind: 'stream', status: 200, headers: {}, events };
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [''];
}

async function* chatEvents(id: string, call: ProviderCall, text: string, created: number, usage: object): AsyncGenerator<SseEvent> {
  const base = { id, object: 'chat.completion.chunk', created, model: call.deployment.upstreamModel };
  yield { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } };
  for (const piece of words(text)) yield { data: { ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] } };
  yield { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } };
  const options = call.body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) yield { data: { ...base, choices: [], usage } };
  yield { data: SSE_DONE };
}

function responseObject(id: string, call: ProviderCall, text: string, created: number, inputTokens: number, outputTokens: number) {
  return {
    id: `resp_${id}`,
    object: 'response',
    created_at: created,
    status: 'completed',
    model: call.deployment.upstreamModel,
    output: [
      {
        id: `msg_${id}`,
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

async function* responsesEvents(
  id: string,
  call: ProviderCall,
  text: string,
  created: number,
  inputTokens: number,
  outputTokens: number,
): AsyncGenerator<SseEvent> {
  const done = responseObject(id, call, text, created, inputTokens, outputTokens);
  const inProgress = { ...done, status: 'in_progress', output: [], usage: null };
  const item = done.output[0]!;
  let sequence = 0;
  const event = (type: string, payload: object): SseEvent => ({ event: type, data: { type, sequence_number: sequence++, ...payload } });
  yield event('response.created', { response: inProgress });
  yield event('response.in_progress', { response: inProgress });
  yield event('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
  yield event('response.content_part.added', { item_id: item.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
  for (const piece of words(text)) yield event('response.output_text.delta', { item_id: item.id, output_index: 0, content_index: 0, delta: piece });
  yield event('response.output_text.done', { item_id: item.id, output_index: 0, content_index: 0, text });
  yield event('response.content_part.done', { item_id: item.id, output_index: 0, content_index: 0, part: item.content[0] });
  yield event('response.output_item.done', { output_index: 0, item });
  yield event('response.completed', { response: done });
}

function embeddings(call: ProviderCall, inputTokens: number) {
  const inputs = Array.isArray(call.body.input) ? call.body.input : [call.body.input];
  const dimensions = typeof call.body.dimensions === 'number' ? call.body.dimensions : 8;
  const base64 = call.body.encoding_format === 'base64';
  return {
    object: 'list',
    model: call.deployment.upstreamModel,
    data: inputs.map((input, index) => {
      const vector = Array.from({ length: dimensions }, (_, i) => Math.sin(JSON.stringify(input).length + i));
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    }),
    usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
  };
}
