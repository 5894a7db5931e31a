// A Switchyard provider plugin for "Acme", a made-up in-house text-generation service with
// its own API:
//
//   POST {api_base}/generate  {"prompt": "...", "max_new_tokens": 256}
//   → {"text": "...", "tokens_in": 12, "tokens_out": 40, "stop_reason": "eos" | "length"}
//
// The plugin maps OpenAI Chat Completions to that API and back. Clients get JSON or SSE;
// /v1/responses works too, because core bridges Responses to chat for providers that only
// serve chat. Use it in config.yaml as `model: acme/<model>` with an `api_base`.
import { GatewayError, SSE_DONE } from '@switchyard/core';
import capabilities from './acme-capabilities.json' with { type: 'json' };

/** @returns {import('@switchyard/core').ProviderPlugin} */
export function acme() {
  return {
    name: 'acme',
    // Limits, prices and accepted parameters of Acme's models, loaded like any capability file.
    capabilities,
    create: () => ({
      endpoints: new Set(['chat.completions']),
      async send(call) {
        const answer = await generate(call);
        const completion = toChatCompletion(answer, call);
        if (!call.stream) return { kind: 'json', status: 200, headers: {}, body: completion };
        return { kind: 'stream', status: 200, headers: {}, events: toChunks(completion, call) };
      },
    }),
  };
}

/**
 * @typedef {import('@switchyard/core').ProviderCall} ProviderCall
 * @typedef {{ text: string, tokens_in: number, tokens_out: number, stop_reason: 'eos' | 'length' }} AcmeAnswer
 * @typedef {{ role: string, content: string | { text?: string }[] | null }} ChatMessage
 */

/**
 * @param {ProviderCall} call
 * @returns {Promise<AcmeAnswer>}
 */
async function generate(call) {
  if (!call.deployment.apiBase) {
    throw new GatewayError('invalid_config', `${call.deployment.configPath}.litellm_params.api_base is required for acme/ models.`);
  }
  let response;
  try {
    response = await fetch(`${call.deployment.apiBase}/generate`, {
      method: 'POST',
      headers: authorization(call),
      body: JSON.stringify({
        prompt: toPrompt(/** @type {ChatMessage[]} */ (call.body.messages)),
        max_new_tokens: call.body.max_completion_tokens ?? call.body.max_tokens ?? 256,
      }),
      signal: AbortSignal.any([call.signal, AbortSignal.timeout(call.deployment.timeoutMs)]),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new GatewayError('upstream_timeout', 'Acme did not answer in time.');
    throw new GatewayError('upstream_unreachable', 'Acme could not be reached.', { cause: error });
  }
  if (!response.ok) {
    // Keep the upstream status; never echo the upstream body, it may hold internals.
    // Keep the retry hint too: clients back off on it.
    const retryAfter = response.headers.get('retry-after');
    throw new GatewayError('upstream_error', `Acme answered HTTP ${response.status}.`, {
      status: response.status,
      ...(retryAfter === null ? {} : { headers: { 'retry-after': retryAfter } }),
    });
  }
  return /** @type {Promise<AcmeAnswer>} */ (response.json());
}

/**
 * @param {ProviderCall} call
 * @returns {Record<string, string>}
 */
function authorization(call) {
  const key = call.deployment.apiKey?.reveal();
  return key ? { 'content-type': 'application/json', authorization: `Bearer ${key}` } : { 'content-type': 'application/json' };
}

/** @param {ChatMessage[]} messages */
function toPrompt(messages) {
  return messages
    .map((message) => {
      const text = typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => part.text ?? '').join('');
      return `${message.role}: ${text}`;
    })
    .join('\n');
}

/**
 * @param {AcmeAnswer} answer
 * @param {ProviderCall} call
 */
function toChatCompletion(answer, call) {
  return {
    id: `chatcmpl-${call.requestId}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: call.deployment.upstreamModel,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.text, refusal: null },
        logprobs: null,
        finish_reason: answer.stop_reason === 'length' ? 'length' : 'stop',
      },
    ],
    usage: { prompt_tokens: answer.tokens_in, completion_tokens: answer.tokens_out, total_tokens: answer.tokens_in + answer.tokens_out },
  };
}

/** Acme has no streaming API: the whole answer goes out as one content chunk, framed like OpenAI's. */
/**
 * @param {ReturnType<typeof toChatCompletion>} completion
 * @param {ProviderCall} call
 * @returns {AsyncGenerator<import('@switchyard/core').SseEvent>}
 */
async function* toChunks(completion, call) {
  const base = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  const choice = completion.choices[0];
  if (choice === undefined) return;
  yield { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: choice.message.content }, finish_reason: null }] } };
  yield { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: choice.finish_reason }] } };
  const options = /** @type {{ include_usage?: boolean } | undefined} */ (call.body.stream_options);
  if (options?.include_usage) yield { data: { ...base, choices: [], usage: completion.usage } };
  yield { data: SSE_DONE };
}
