import type { ServerResponse } from 'node:http';
import type { Logger } from '../../logging/logger.js';
import type { GatewayResponse } from '../gateway-response.js';
import { SSE_HEADERS } from '../sse.js';
import { sseChunks } from '../sse-chunks.js';

/** Writes a gateway response to a Node response: JSON or bytes in one write, SSE event by event. */
export async function writeNodeResponse(response: ServerResponse, result: GatewayResponse, logger?: Logger): Promise<void> {
  if (result.kind === 'bytes') {
    const headers = flattenHeaders(result.headers);
    headers.push('content-length', String(result.body.byteLength));
    response.writeHead(result.status, headers);
    response.end(result.body);
    return;
  }
  if (result.kind === 'json') {
    const payload = JSON.stringify(result.body);
    // Headers go to writeHead as one flat [name, value, …] list: cheaper than merging objects.
    const headers = flattenHeaders(result.headers);
    headers.push('content-type', 'application/json; charset=utf-8', 'content-length', String(Buffer.byteLength(payload)));
    response.writeHead(result.status, headers);
    response.end(payload);
    return;
  }
  if (result.kind === 'text') {
    const headers = flattenHeaders(result.headers);
    headers.push('content-type', result.contentType, 'content-length', String(Buffer.byteLength(result.body)));
    response.writeHead(result.status, headers);
    response.end(result.body);
    return;
  }
  response.writeHead(result.status, flattenHeaders(result.headers).concat(SSE_HEADER_LIST));
  response.flushHeaders();
  response.socket?.setNoDelay(true);
  for await (const chunk of sseChunks(result.events, logger, result.format)) {
    if (response.destroyed) break;
    if (!response.write(chunk)) await drainedOrClosed(response);
  }
  response.end();
}

/**
 * Waits for the client to take more data, or to go away. Both listeners are removed whichever
 * fires: `Promise.race` over two `once()` calls left the loser (and its 'error' listener)
 * attached, one more per backpressure pause, until a long stream hit MaxListenersExceededWarning.
 */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  if (response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

const SSE_HEADER_LIST = Object.entries(SSE_HEADERS).flat();

function flattenHeaders(headers: Record<string, string>): string[] {
  const list: string[] = [];
  for (const name in headers) list.push(name, headers[name]!);
  return list;
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
export function clientAbortSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}
