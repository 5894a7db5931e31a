import { GatewayError, mapTransportError, PoolCache, type Deployment, type GatewayResponse, type Provider, type ProviderCall } from '@switchyard/core';
import { ANTHROPIC_API_KEY_VARIABLE, DEFAULT_ANTHROPIC_VERSION, DEFAULT_BASE_URL, type AnthropicProviderOptions } from './anthropic-provider-options.js';
import { resolveAnthropicTarget, type AnthropicTarget, type ResolveTargetOptions } from './anthropic-target.js';
import { isObject } from './json.js';
import { messagesStreamToChunks } from './messages-stream-to-chunks.js';
import { readMessagesJson, requestMessages, sendMessages, type MessagesCall, type MessagesResult } from './send-messages.js';
import { toChatCompletion } from './to-chat-completion.js';
import { toMessagesRequest } from './to-messages-request.js';

/**
 * The provider with one more method than core's Provider: `messages()`, the native Messages
 * API call, for a `/v1/messages` ingress that passes Anthropic requests through untranslated.
 */
export interface AnthropicProvider extends Provider {
  messages(call: MessagesCall): Promise<MessagesResult>;
}

/** One provider instance: its own pools, its own per-deployment targets. */
export function createAnthropicProvider(options: AnthropicProviderOptions): AnthropicProvider {
  const pools = new PoolCache(options);
  const resolveOptions: ResolveTargetOptions = {
    defaultBaseUrl: options.defaultBaseUrl ?? DEFAULT_BASE_URL,
    fallbackApiKey: options.apiKey ?? process.env[ANTHROPIC_API_KEY_VARIABLE],
    anthropicVersion: options.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION,
    dispatcherFor: (origin) => pools.get(origin),
  };
  // Keyed by the deployment object: a config reload brings new deployments and new targets.
  const targets = new WeakMap<Deployment, AnthropicTarget>();
  const targetFor = (deployment: Deployment): AnthropicTarget => {
    let target = targets.get(deployment);
    if (target === undefined) {
      target = resolveAnthropicTarget(deployment, resolveOptions);
      targets.set(deployment, target);
    }
    return target;
  };

  return {
    // Responses calls reach this provider through core's Responses ⇄ Chat bridge.
    endpoints: new Set(['chat.completions']),
    async send(call) {
      if (call.endpoint !== 'chat.completions') {
        throw new GatewayError('unsupported_endpoint', `Anthropic models do not serve ${call.endpoint === 'embeddings' ? '/v1/embeddings' : call.endpoint}.`, { param: 'model' });
      }
      return sendChat(call, targetFor(call.deployment));
    },
    messages: (call) => sendMessages(call, targetFor(call.deployment)),
    close: () => pools.close(),
  };
}

async function sendChat(call: ProviderCall, target: AnthropicTarget): Promise<GatewayResponse> {
  const messagesCall: MessagesCall = { deployment: call.deployment, body: toMessagesRequest(call.body, target), stream: call.stream, signal: call.signal };
  const response = await requestMessages(messagesCall, target);
  const created = Math.floor(Date.now() / 1000);
  if (!call.stream) {
    const message = await readMessagesJson(response, messagesCall, target);
    if (!isObject(message)) throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not a message.`);
    return { kind: 'json', status: response.status, headers: response.headers, body: toChatCompletion(message, created) };
  }
  const streamOptions = call.body.stream_options;
  const includeUsage = isObject(streamOptions) && streamOptions.include_usage === true;
  const mapError = (error: unknown) => mapTransportError(error, { target, call });
  return { kind: 'stream', status: response.status, headers: response.headers, events: messagesStreamToChunks(response.body, { target, includeUsage, created, mapError }) };
}
