import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface FakeUpstream {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Sockets the server has seen, in order. */
  readonly sockets: Socket[];
  /**
   * Resolves when the n-th (0-based) response closes: `true` when the connection went away
   * before the answer was complete (the gateway aborted), `false` when it was answered fully.
   */
  closedEarly(index: number): Promise<boolean>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 that records what it received and answers with `handler`. */
export async function startFakeUpstream(handler: Handler): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const sockets: Socket[] = [];
  const closed: Promise<boolean>[] = [];
  const server: Server = createServer((request, response) => {
    closed.push(new Promise((resolve) => response.once('close', () => resolve(!response.writableFinished))));
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(request, response);
    });
  });
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    sockets,
    async closedEarly(index) {
      while (closed[index] === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      return closed[index];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
