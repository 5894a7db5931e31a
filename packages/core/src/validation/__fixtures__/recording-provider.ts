import type { GatewayRequest } from '../../http/gateway-request.js';
import type { GatewayResponse } from '../../http/gateway-response.js';
import type { ProviderCall, ProviderPlugin } from '../../providers/provider.js';

/** A fake `openai` provider plugin that answers every endpoint and records what reached it. */
export function recordingProvider(capabilities?: unknown): { plugin: ProviderPlugin; calls: ProviderCall[] } {
  const calls: ProviderCall[] = [];
  const plugin: ProviderPlugin = {
    name: 'openai',
    ...(capabilities === undefined ? {} : { capabilities }),
    create: () => ({
      endpoints: new Set(['chat.completions', 'responses', 'embeddings'] as const),
      async send(call): Promise<GatewayResponse> {
        calls.push(call);
        return { kind: 'json', status: 200, headers: {}, body: answer(call) };
      },
    }),
  };
  return { plugin, calls };
}

function answer(call: ProviderCall): unknown {
  const model = call.deployment.upstreamModel;
  if (call.endpoint === 'embeddings') {
    return { object: 'list', model, data: [{ object: 'embedding', index: 0, embedding: [0.5] }], usage: { prompt_tokens: 1, total_tokens: 1 } };
  }
  if (call.endpoint === 'responses') {
    return {
      id: 'resp_1',
      object: 'response',
      created_at: 1,
      status: 'completed',
      model,
      output: [{ id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] }],
      usage: { input_tokens: 1, input_tokens_details: { cached_tokens: 0 }, output_tokens: 1, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 2 },
    };
  }
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** A POST to the gateway, as an adapter would hand it over. */
export function post(path: string, body: unknown): GatewayRequest {
  return { method: 'POST', path, headers: { 'content-type': 'application/json' }, body, signal: new AbortController().signal };
}

export function get(path: string): GatewayRequest {
  return { method: 'GET', path, headers: {}, body: undefined, signal: new AbortController().signal };
}
