import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { GatewayResponse, SseEvent } from '../http/gateway-response.js';
import type { Endpoint, Provider } from '../providers/provider.js';
import type { BridgeDirection } from './bridge-errors.js';
import type { ChatCompletion } from './chat-api.js';
import type { ResponsesObject, ResponsesRequest } from './responses-api.js';
import { chatStreamToResponsesEvents } from './chat-stream-to-responses-events.js';
import { chatToResponsesRequest } from './chat-to-responses-request.js';
import { chatToResponsesResponse } from './chat-to-responses-response.js';
import { chooseBridge } from './choose-bridge.js';
import { isJsonObject } from './json-object.js';
import { responsesStreamToChatChunks } from './responses-stream-to-chat-chunks.js';
import { responsesToChatRequest } from './responses-to-chat-request.js';
import { responsesToChatResponse } from './responses-to-chat-response.js';

export interface CallModelOptions {
  readonly provider: Provider;
  readonly target: ModelTarget;
  /** The endpoint the client called. */
  readonly endpoint: Endpoint;
  /** The client's body, validated, with `model` already set to the upstream name. */
  readonly body: Record<string, unknown>;
  readonly signal: AbortSignal;
  readonly requestId: string;
}

/** Names the bridge a response went through, for the client and for logs. */
export const BRIDGE_HEADER = 'x-switchyard-bridge';

/**
 * Sends the call to the provider, through the Chat Completions ⇄ Responses bridge when the
 * model or the provider cannot serve the endpoint the client called.
 */
export async function callModel(options: CallModelOptions): Promise<GatewayResponse> {
  const bridge = chooseBridge({
    endpoint: options.endpoint,
    provider: options.provider,
    deployment: options.target.deployment,
    capability: options.target.capability,
    modelName: options.target.deployment.modelName,
  });
  const response = await (bridge === undefined
    ? send(options, options.endpoint, options.body)
    : bridge === 'chat-to-responses'
      ? callChatThroughResponses(options)
      : callResponsesThroughChat(options));
  // The client's API, not the upstream's, decides how a failed stream's last event looks.
  if (response.kind === 'stream') response.format = options.endpoint === 'responses' ? 'responses' : 'chat';
  return response;
}

async function callChatThroughResponses(options: CallModelOptions): Promise<GatewayResponse> {
  const response = await send(options, 'responses', chatToResponsesRequest(options.body));
  const streamOptions = options.body.stream_options;
  const includeUsage = isJsonObject(streamOptions) && streamOptions.include_usage === true;
  return translate(response, 'chat-to-responses', {
    json: (body) => responsesToChatResponse(body as ResponsesObject),
    stream: (events) => responsesStreamToChatChunks(events, { includeUsage }),
  });
}

async function callResponsesThroughChat(options: CallModelOptions): Promise<GatewayResponse> {
  const chatRequest = responsesToChatRequest(options.body, { tokenParam: options.target.capability?.token_param });
  const response = await send(options, 'chat.completions', chatRequest);
  const request = options.body as ResponsesRequest;
  return translate(response, 'responses-to-chat', {
    json: (body) => chatToResponsesResponse(body as ChatCompletion, request),
    stream: (events) => chatStreamToResponsesEvents(events, request),
  });
}

function send(options: CallModelOptions, endpoint: Endpoint, body: Record<string, unknown>): Promise<GatewayResponse> {
  return options.provider.send({
    endpoint,
    body,
    // Embeddings have no streaming form: a `stream` a client sends there is the upstream's to
    // refuse, and its JSON answer is read as JSON (not mistaken for a stream that is not SSE).
    stream: endpoint !== 'embeddings' && body.stream === true,
    deployment: options.target.deployment,
    signal: options.signal,
    requestId: options.requestId,
  });
}

interface Translators {
  json(body: unknown): unknown;
  stream(events: AsyncIterable<SseEvent>): AsyncIterable<SseEvent>;
}

/** Maps the upstream answer back to the client's API; an upstream error body passes as it is. */
function translate(response: GatewayResponse, bridge: BridgeDirection, translators: Translators): GatewayResponse {
  const headers: Record<string, string> = { ...response.headers, [BRIDGE_HEADER]: bridge };
  // The body is rewritten, so the upstream's length no longer applies.
  delete headers['content-length'];
  if (response.kind === 'stream') return { ...response, headers, events: translators.stream(response.events) };
  if (response.status >= 400 || response.kind === 'bytes' || response.kind === 'text') return { ...response, headers };
  return { ...response, headers, body: translators.json(response.body) };
}
