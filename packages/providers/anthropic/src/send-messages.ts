import { GatewayError, parseSseStream, type Deployment, type SseEvent } from '@switchyard/core';
import type { AnthropicTarget } from './anthropic-target.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapTransportError, type TransportErrorContext } from './map-transport-error.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

/** A native Messages API call: the body is Anthropic's, sent as it is. */
export interface MessagesCall {
  readonly deployment: Deployment;
  readonly body: Record<string, unknown>;
  readonly stream: boolean;
  readonly signal: AbortSignal;
  /** Extra headers to carry (`anthropic-beta` from an Anthropic client); never auth headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The upstream's answer in Anthropic's own format: a Message, or its SSE events. */
export type MessagesResult =
  | { readonly kind: 'json'; readonly status: number; readonly headers: Record<string, string>; readonly body: unknown }
  | { readonly kind: 'stream'; readonly status: number; readonly headers: Record<string, string>; readonly events: AsyncIterable<SseEvent> };

/**
 * POST {api_base}/v1/messages. Non-2xx answers become GatewayErrors (status kept, key
 * redacted); transport failures 499/502/504. A consumer that stops reading a stream destroys
 * the body, which closes the upstream socket.
 */
export async function sendMessages(call: MessagesCall, target: AnthropicTarget): Promise<MessagesResult> {
  const context: TransportErrorContext = { target, call };
  try {
    const response = await target.dispatcher.request({
      origin: target.origin,
      path: target.messagesPath,
      method: 'POST',
      headers: call.headers === undefined ? target.headers : { ...call.headers, ...target.headers },
      body: JSON.stringify(call.body),
      signal: call.signal,
      headersTimeout: call.stream ? target.streamHeadersTimeoutMs : target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    const status = response.statusCode;
    if (status < 200 || status > 299) throw await mapAnthropicError(response, target);
    const headers = pickUpstreamHeaders(response.headers);
    if (call.stream) return { kind: 'stream', status, headers, events: upstreamEvents(response.body, context) };
    return { kind: 'json', status, headers, body: parseJson(await response.body.text(), target) };
  } catch (error) {
    throw mapTransportError(error, context);
  }
}

async function* upstreamEvents(body: AsyncIterable<Uint8Array> & { destroyed: boolean; destroy(): void }, context: TransportErrorContext): AsyncGenerator<SseEvent> {
  try {
    yield* parseSseStream(body);
  } catch (error) {
    throw mapTransportError(error, context);
  } finally {
    if (!body.destroyed) body.destroy();
  }
}

function parseJson(text: string, target: AnthropicTarget): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not JSON.`);
  }
}
