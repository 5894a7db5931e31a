import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UpstreamScript } from './conformance-options.js';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** How the next request is answered. */
export type Play =
  | { readonly kind: 'answer'; readonly script: UpstreamScript }
  /** Write these stream pieces, then destroy the socket. */
  | { readonly kind: 'cut'; readonly script: UpstreamScript }
  /** Write these stream pieces (maybe none), then hold the connection open. */
  | { readonly kind: 'hold'; readonly script: UpstreamScript };

/**
 * A real HTTP server on 127.0.0.1 that plays one scripted answer per request, in the order
 * queued, and records what it received and whether each response's connection closed early.
 */
export class ScriptedUpstream {
  readonly requests: ReceivedRequest[] = [];
  readonly #queue: Play[] = [];
  readonly #closed: Promise<boolean>[] = [];
  readonly #waiters: (() => void)[] = [];
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<ScriptedUpstream> {
    let upstream: ScriptedUpstream | undefined;
    const server = createServer((request, response) => upstream!.#handle(request, response));
    upstream = new ScriptedUpstream(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues the answer to the next request. */
  next(play: Play): void {
    this.#queue.push(play);
  }

  /** Resolves once the n-th request (0-based) has arrived. */
  async received(index: number): Promise<void> {
    while (this.requests.length <= index) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Resolves when the n-th response's connection closes: true when before the answer was complete. */
  async closedEarly(index: number): Promise<boolean> {
    await this.received(index);
    return this.#closed[index]!;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    this.#closed.push(new Promise((resolve) => response.once('close', () => resolve(!response.writableFinished))));
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const wake of this.#waiters.splice(0)) wake();
      const play = this.#queue.shift();
      if (play === undefined) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('testkit: no scripted answer queued');
        return;
      }
      this.#play(play, response);
    });
  }

  #play(play: Play, response: ServerResponse): void {
    const { script } = play;
    const streamed = script.chunks !== undefined;
    response.writeHead(script.status ?? 200, {
      'content-type': streamed ? 'text/event-stream' : 'application/json',
      ...script.headers,
    });
    if (!streamed) {
      response.end(typeof script.body === 'string' ? script.body : JSON.stringify(script.body ?? {}));
      return;
    }
    void this.#writeChunks(script.chunks ?? [], response).then(() => {
      if (play.kind === 'answer') response.end();
      else if (play.kind === 'cut') response.socket?.destroy();
      // 'hold': leave the connection open until the gateway closes it.
    });
  }

  async #writeChunks(chunks: readonly (string | Uint8Array)[], response: ServerResponse): Promise<void> {
    for (const chunk of chunks) {
      if (response.destroyed) return;
      response.write(chunk);
      // A turn of the event loop between pieces, so they arrive as separate reads.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
