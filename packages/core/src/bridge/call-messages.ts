import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import { toAnthropicErrorResponse } from '../errors/anthropic-error-body.js';
import type { GatewayResponse } from '../http/gateway-response.js';
import type { Provider } from '../providers/provider.js';
import { BRIDGE_HEADER, callModel } from './call-model.js';
import type { ChatCompletion } from './chat-api.js';
import { chatStreamToMessagesEvents } from './chat-stream-to-messages-events.js';
import { chatToMessagesResponse } from './chat-to-messages-response.js';
import { isJsonObject } from './json-object.js';

export interface CallMessagesOptions {
  readonly provider: Provider;
  readonly target: ModelTarget;
  /** Validated: the Messages body for a native provider, the translated Chat body for the rest. */
  readonly body: Record<string, unknown>;
  /** The model the client asked for, named in a translated answer. */
  readonly clientModel: string;
  /** `anthropic-version` / `anthropic-beta` from the client, for a native upstream. */
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly requestId: string;
}

/** Whether `/v1/messages` calls to this provider pass through natively (it has `messages()`). */
export function servesMessagesNatively(provider: Provider): boolean {
  return typeof provider.messages === 'function';
}

/**
 * A `/v1/messages` call: to a provider that speaks the Messages API, the body as it came (the
 * upstream model's name set) and the answer as it came; to any other, the Chat request the
 * validate stage translated, through core's Chat ⇄ Responses bridge where the model needs it,
 * and the answer translated back to a Message or Messages events. Errors answered as
 * responses are rewritten in Anthropic's shape.
 */
export async function callMessages(options: CallMessagesOptions): Promise<GatewayResponse> {
  const { provider, target } = options;
  const body: Record<string, unknown> = { ...options.body, model: target.deployment.upstreamModel };
  if (provider.messages !== undefined) {
    // `metadata.tags` is the router's (tag routing); Anthropic's metadata holds only `user_id`.
    if (isJsonObject(body.metadata) && 'tags' in body.metadata) {
      const { tags: _tags, ...metadata } = body.metadata;
      body.metadata = metadata;
    }
    const response = await provider.messages({
      deployment: target.deployment,
      body,
      stream: body.stream === true,
      signal: options.signal,
      requestId: options.requestId,
      headers: options.headers,
    });
    return asMessagesResponse(response);
  }
  const response = await callModel({ provider, target, endpoint: 'chat.completions', body, signal: options.signal, requestId: options.requestId });
  const headers: Record<string, string> = { ...response.headers, [BRIDGE_HEADER]: 'messages-to-chat' };
  delete headers['content-length'];
  if (response.kind === 'stream') return { ...response, headers, format: 'messages', events: chatStreamToMessagesEvents(response.events, options.clientModel) };
  if (response.kind !== 'json') return response; // no provider answers in raw bytes; pass anything else on untouched
  if (response.status >= 400) return toAnthropicErrorResponse({ ...response, headers });
  return { ...response, headers, body: chatToMessagesResponse(response.body as ChatCompletion, options.clientModel) };
}

function asMessagesResponse(response: GatewayResponse): GatewayResponse {
  if (response.kind === 'stream') return { ...response, format: 'messages' };
  if (response.kind !== 'json') return response;
  return response.status >= 400 ? toAnthropicErrorResponse(response) : response;
}
