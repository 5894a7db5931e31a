import type { Logger } from '../logging/logger.js';
import type { JsonResponse } from '../http/gateway-response.js';
import { GatewayError, isGatewayError } from './gateway-error.js';

/**
 * The single place an error becomes a response. Unknown errors are logged (message only,
 * never the request) and answered with a generic 500 that reveals nothing internal.
 */
export function toErrorResponse(error: unknown, logger?: Logger): JsonResponse {
  const gatewayError = isGatewayError(error)
    ? error
    : new GatewayError('internal_error', 'The gateway hit an unexpected error. It has been logged.');
  if (!isGatewayError(error)) {
    logger?.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, 'unexpected error');
  }
  return {
    kind: 'json',
    status: gatewayError.status,
    headers: { ...gatewayError.headers },
    body: gatewayError.toJSON(),
  };
}
