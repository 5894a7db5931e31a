import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';

export type BridgeDirection = 'chat-to-responses' | 'responses-to-chat' | 'messages-to-chat';

const TARGET_API: Record<BridgeDirection, string> = {
  'chat-to-responses': 'the Responses API',
  'responses-to-chat': 'Chat Completions',
  'messages-to-chat': 'Chat Completions',
};

/** A parameter with no equivalent on the other API: refused rather than silently ignored. */
export function unsupportedParameter(direction: BridgeDirection, param: string): GatewayError {
  return new GatewayError(
    'unsupported_parameter',
    `Unsupported parameter: '${clip(param)}' cannot be translated to ${TARGET_API[direction]}, which this model is served through.`,
    { param: clip(param) },
  );
}

/** A value (a content part type, a tool type, …) with no equivalent on the other API. */
export function unsupportedValue(direction: BridgeDirection, param: string, value: unknown): GatewayError {
  return new GatewayError(
    'unsupported_value',
    `Unsupported value: '${clip(String(value))}' in '${clip(param)}' cannot be translated to ${TARGET_API[direction]}, which this model is served through.`,
    { param: clip(param) },
  );
}

/** An error the upstream reported inside a stream (after the status line was sent). */
export function upstreamStreamError(message: string | undefined, code: string | null | undefined): GatewayError {
  return new GatewayError(code ?? 'upstream_error', message ?? 'The upstream provider reported an error in the stream.', {
    status: 502,
    type: 'upstream_error',
  });
}

export function upstreamStreamTruncated(detail: string): GatewayError {
  return new GatewayError('upstream_invalid_response', `The upstream stream ended early: ${detail}`);
}
