import { GatewayError } from '../errors/gateway-error.js';

/**
 * A host's own body parser (`express.json()` on raw-body, `@koa/bodyparser` on co-body) refusing
 * a body before the gateway ran, as the GatewayError the gateway would have raised itself. Any
 * other error is returned unchanged.
 */
export function fromHostBodyParserError(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  // co-body rethrows JSON.parse's SyntaxError with a 400 status and no type.
  if (error instanceof SyntaxError && (error as { status?: unknown }).status === 400) {
    return new GatewayError('invalid_json', 'The request body is not valid JSON.');
  }
  if (type === 'entity.too.large') {
    return new GatewayError('payload_too_large', 'The request body is larger than the host application accepts.');
  }
  if (type === 'entity.parse.failed') return new GatewayError('invalid_json', 'The request body is not valid JSON.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new GatewayError('unsupported_media_type', 'The request body encoding is not supported.');
  }
  if (type === 'request.aborted') {
    return new GatewayError('client_closed_request', 'The client closed the connection while sending the body.');
  }
  return error;
}
