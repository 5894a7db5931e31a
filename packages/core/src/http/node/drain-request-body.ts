import type { IncomingMessage } from 'node:http';

export interface DrainLimits {
  /** Most bytes of an unwanted body read and thrown away after the answer. */
  readonly maxBytes: number;
  /** Longest time spent doing so. */
  readonly maxMs: number;
  /** After giving up: how long the socket stays half-closed before it is destroyed. */
  readonly closeGraceMs: number;
}

/** Like nginx's lingering close (lingering_time 30 s there): short, and bounded in bytes too. */
export const DRAIN_LIMITS: DrainLimits = { maxBytes: 8 * 1024 * 1024, maxMs: 5_000, closeGraceMs: 1_000 };

/**
 * For an answer sent before the request body was read to its end (a 413, a 401 before the
 * body, an unknown route): keeps reading and discarding the rest of the body for a bounded
 * time and byte count, as nginx's lingering close does. Closing a socket with unread data
 * makes the kernel send a reset, and a client still uploading (fetch, node:http) then loses
 * the answer it was sent (EPIPE, ECONNRESET). A body drained to its end leaves the connection
 * reusable; one that goes on past the bounds gets a FIN after the answer, then the socket is
 * destroyed. Call it just before writing the answer.
 */
export function drainRequestBody(request: IncomingMessage, limits: DrainLimits = DRAIN_LIMITS): void {
  if (request.complete || request.destroyed) return;
  let drained = 0;
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limits.maxBytes) giveUp();
  };
  const timer = setTimeout(() => giveUp(), limits.maxMs);
  timer.unref();
  const stop = () => {
    clearTimeout(timer);
    request.off('data', onData);
    request.off('end', stop);
    request.off('close', stop);
  };
  const giveUp = () => {
    stop();
    request.pause();
    const socket = request.socket;
    // end(): the answer already written goes out first, then a FIN; destroy only later, so
    // the reset that unread data causes cannot overtake the answer.
    socket.end();
    setTimeout(() => socket.destroy(), limits.closeGraceMs).unref();
  };
  request.on('data', onData);
  request.once('end', stop);
  request.once('close', stop);
  request.resume();
}
