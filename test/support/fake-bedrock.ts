import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4, type KnownCredentials, type Verdict } from './sigv4-verifier.js';

export interface BedrockRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  readonly text: string;
  readonly body: any;
  /** The SigV4 check's result; undefined for a bearer-key request. */
  readonly signature: Verdict | undefined;
}

export type BedrockHandler = (request: BedrockRequest, response: ServerResponse) => void;

/**
 * A fake Bedrock runtime on loopback that does what AWS does first: it recomputes every SigV4
 * signature (test/support/sigv4-verifier.ts) and answers 403 InvalidSignatureException when it
 * does not match, or checks a bearer key against the Bedrock API keys it knows. Requests that
 * pass go to the test's handler; all are recorded.
 */
export class FakeBedrock {
  readonly requests: BedrockRequest[] = [];
  #server: Server;
  #handler: BedrockHandler = (_request, response) => sendAws(response, 500, 'InternalServerException', 'no handler installed');
  url = '';

  private constructor(
    private readonly credentials: KnownCredentials,
    private readonly apiKeys: readonly string[],
  ) {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const authorization = request.headers.authorization ?? '';
        const bearer = authorization.startsWith('Bearer ');
        const signature = bearer ? undefined : verifySigV4({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text }, this.credentials);
        const recorded: BedrockRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, text, body: text === '' ? undefined : JSON.parse(text), signature };
        this.requests.push(recorded);
        if (bearer && !this.apiKeys.includes(authorization.slice(7))) return sendAws(response, 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
        if (signature !== undefined && !signature.ok) return sendAws(response, 403, 'InvalidSignatureException', `The request signature we calculated does not match the signature you provided (${signature.reason}).`);
        this.#handler(recorded, response);
      });
    });
  }

  static async start(credentials: KnownCredentials, apiKeys: readonly string[] = []): Promise<FakeBedrock> {
    const fake = new FakeBedrock(credentials, apiKeys);
    fake.#server.listen(0, '127.0.0.1');
    await once(fake.#server, 'listening');
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  handle(handler: BedrockHandler): void {
    this.#handler = handler;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

/** An AWS JSON error: `x-amzn-errortype` and `{"message"}`, as Bedrock's runtime sends them. */
export function sendAws(response: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': 'aws-req-err', ...headers });
  response.end(JSON.stringify({ message }));
}

export function sendConverse(response: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': '7f4a2b9c-1d3e-4f5a-8b6c-0123456789ab', ...headers });
  response.end(JSON.stringify(body));
}

/** Writes event-stream frames one at a time (each its own write), then ends. */
export async function sendEventStream(response: ServerResponse, frames: readonly Uint8Array[]): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': '8e5b3cad-2e4f-4a6b-9c7d-0123456789ab' });
  for (const frame of frames) {
    response.write(frame);
    await new Promise((resolve) => setImmediate(resolve));
  }
  response.end();
}
