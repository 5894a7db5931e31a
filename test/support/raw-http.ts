import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One TCP connection speaking HTTP/1.1 by hand: for what no HTTP client sends (a malformed
 * request line, a body that never comes, the rest of a body after the answer) and to see
 * whether the server keeps, half-closes or resets the connection.
 */
export class RawConnection {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];
  /** Set when the socket failed (EPIPE, ECONNRESET). */
  error: NodeJS.ErrnoException | undefined;
  /** Set when the server closed its side. */
  ended = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.#wake();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.error = error;
      this.#wake();
    });
    socket.on('close', () => this.#wake());
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      // Half-open allowed: like an HTTP client mid-upload, a FIN from the server does not end our side.
      const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Resolves once written, rejects with the socket's error (EPIPE when the server reset it). */
  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) return reject(this.error ?? new Error('socket closed'));
      this.socket.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** The next complete response on the connection (Content-Length framing), or rejects when the connection ends first. */
  async readResponse(): Promise<RawResponse> {
    for (;;) {
      const response = this.#take();
      if (response !== undefined) return response;
      if (this.ended || this.socket.destroyed) {
        throw this.error ?? new Error(`connection closed before a complete response (had ${this.#buffer.length} bytes)`);
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Ends our side and resolves once the connection is fully closed, with the socket's error if any (a reset). */
  async finish(): Promise<NodeJS.ErrnoException | undefined> {
    if (!this.socket.destroyed) {
      const closed = new Promise((resolve) => this.socket.once('close', resolve));
      this.socket.end();
      await closed;
    }
    return this.error;
  }

  close(): void {
    this.socket.destroy();
  }

  #take(): RawResponse | undefined {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const [statusLine, ...lines] = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.#buffer.length < end + 4 + length) return undefined;
    const body = this.#buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.#buffer = this.#buffer.subarray(end + 4 + length);
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The head of a POST with a declared length, as a client would send it. */
export function postHead(path: string, options: { contentLength: number; key?: string; host?: string; extra?: string }): string {
  return (
    `POST ${path} HTTP/1.1\r\nhost: ${options.host ?? '127.0.0.1'}\r\ncontent-type: application/json\r\n` +
    `content-length: ${options.contentLength}\r\n` +
    (options.key === undefined ? '' : `authorization: Bearer ${options.key}\r\n`) +
    (options.extra ?? '') +
    '\r\n'
  );
}
