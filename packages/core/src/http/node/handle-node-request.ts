import type { IncomingMessage } from 'node:http';
import { toErrorResponse } from '../../errors/to-error-response.js';
import type { Gateway } from '../../gateway/create-gateway.js';
import type { GatewayResponse } from '../gateway-response.js';
import { requestIdOf } from '../../stages/request-id-stage.js';
import { readRequestBody } from './read-json-body.js';

export interface NodeRequestOptions {
  /** The path relative to the gateway's mount, without the query string. */
  readonly path: string;
  /** Aborts when the client goes away (see clientAbortSignal). */
  readonly signal: AbortSignal;
  /** A body a host parser already produced, if any. */
  readonly parsed?: unknown;
}

/**
 * What both Node adapters do: read the body, then let core answer. A body that cannot be read
 * (too large, not JSON, wrong content type) is answered as an OpenAI-style error too.
 */
export async function handleNodeRequest(gateway: Gateway, request: IncomingMessage, options: NodeRequestOptions): Promise<GatewayResponse> {
  let body: unknown;
  try {
    body = await readRequestBody(request, { limitBytes: gateway.bodyLimitBytes, parsed: options.parsed });
  } catch (error) {
    const response = toErrorResponse(error, gateway.logger);
    response.headers['x-request-id'] = requestIdOf(request.headers);
    return response;
  }
  return gateway.handle({ method: request.method ?? 'GET', path: options.path, headers: request.headers, body, signal: options.signal });
}
