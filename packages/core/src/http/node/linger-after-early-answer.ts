import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { JsonResponse, GatewayResponse } from '../gateway-response.js';

export interface LingerLimits {
  /** Most bytes of the unwanted body read and thrown away after the answer. */
  readonly maxBytes: number;
  /** Longest time the connection stays open for that. */
  readonly maxMs: number;
}

/** nginx lingers up to 30 s (lingering_time); a gateway has less patience, and counts bytes too. */
export const LINGER_LIMITS: LingerLimits = { maxBytes: 8 * 1024 * 1024, maxMs: 5_000 };

/**
 * For an answer sent before the request body was read to its end (a 413, a 401 before the
 * body, an unknown route): nginx's lingering close. The answer says `Connection: close`; then
 * the server half-closes (FIN after the answer) and keeps reading and discarding the body
 * until the client has sent it all, or for at most `maxMs` and `maxBytes`, and only then
 * closes. Closing at once with unread bytes arriving makes the kernel send a reset, and a
 * client still uploading (fetch, node:http) then loses the answer it was sent (EPIPE,
 * ECONNRESET). Call it just before writing `response`; a request already read does nothing.
 */
export function lingerAfterEarlyAnswer<T extends GatewayResponse | JsonResponse>(request: IncomingMessage, response: T, limits = LINGER_LIMITS): T {
  if (request.complete || request.destroyed) return response;
  response.headers.connection = 'close';
  const socket = request.socket;
  let drained = 0;
  let answered = false;
  let bodyEnded = false;
  const close = () => {
    clearTimeout(timer);
    request.off('data', onData);
    socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limits.maxBytes) close();
  };
  const timer = setTimeout(close, limits.maxMs);
  timer.unref();
  request.on('data', onData);
  request.once('end', () => {
    bodyEnded = true;
    if (answered) close();
  });
  request.resume();
  // Node ends a `Connection: close` response with socket.destroySoon(): FIN, then destroy as
  // soon as it is written, unread bytes or not. For this one socket, the FIN goes out the
  // same way, and the destroy waits until the body is drained or the bounds are reached.
  (socket as Socket & { destroySoon(): void }).destroySoon = function lingeringClose(this: Socket) {
    answered = true;
    this.end();
    if (bodyEnded) close();
  };
  return response;
}
