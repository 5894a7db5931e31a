import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../../logging/logger.js';
import type { GatewayResponse } from '../gateway-response.js';
import { SSE_HEADERS } from '../sse.js';
import { sseChunks } from '../sse-chunks.js';

/** Writes a gateway response to a Node response: JSON in one write, SSE event by event. */
export async function writeNodeResponse(response: ServerResponse, result: GatewayResponse, logger?: Logger): Promise<void> {
  if (result.kind === 'json') {
    const payload = JSON.stringify(result.body);
    response.writeHead(result.status, {
      ...result.headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
    });
    response.end(payload);
    return;
  }
  response.writeHead(result.status, { ...result.headers, ...SSE_HEADERS });
  response.flushHeaders();
  response.socket?.setNoDelay(true);
  for await (const chunk of sseChunks(result.events, logger)) {
    if (response.destroyed) break;
    if (!response.write(chunk)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
  }
  response.end();
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
export function clientAbortSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}
