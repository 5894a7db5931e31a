import type { IncomingMessage } from 'node:http';
import type { Gateway } from '../../gateway/create-gateway.js';
import type { GatewayResponse } from '../gateway-response.js';
import { lingerAfterEarlyAnswer } from './linger-after-early-answer.js';
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
 * What both Node adapters do: let core answer, handing it a lazy body reader. The body is read
 * by the `body` stage, after `auth`, so a request without a valid key costs no body read and
 * no parse. A body that cannot be read (too large, too deep, not JSON, wrong content type) is
 * answered as an OpenAI-style error like any other. When the answer is ready before the body
 * was read to its end, the connection closes the way nginx's does (lingerAfterEarlyAnswer),
 * so the client can read the answer.
 */
export async function handleNodeRequest(gateway: Gateway, request: IncomingMessage, options: NodeRequestOptions): Promise<GatewayResponse> {
  const readBody = () =>
    readRequestBody(request, { limitBytes: gateway.bodyLimitBytes, jsonLimits: gateway.jsonLimits, parsed: options.parsed });
  // IncomingMessage.url keeps the query under any mount (Express strips only the mount path).
  const url = request.url ?? '';
  const mark = url.indexOf('?');
  const query = mark === -1 ? undefined : url.slice(mark + 1);
  const response = await gateway.handle({ method: request.method ?? 'GET', path: options.path, query, headers: request.headers, readBody, signal: options.signal });
  return lingerAfterEarlyAnswer(request, response);
}
