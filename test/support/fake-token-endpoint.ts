import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One token request as the fake Entra ID endpoint received it. */
export interface TokenRequest {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly form: Record<string, string>;
}

/**
 * A fake Microsoft Entra ID authority on loopback: `POST /{tenant}/oauth2/v2.0/token` with a
 * client-credentials form answers `token-1`, `token-2`, … (one per request) valid for
 * `expiresIn` seconds; a wrong client secret gets AADSTS7000215 as Entra sends it.
 */
export class FakeTokenEndpoint {
  readonly requests: TokenRequest[] = [];
  expiresIn = 3599;
  #server: Server;
  url = '';

  private constructor(readonly clientSecret: string) {
    this.#server = createServer((request, response) => void this.#serve(request, response));
  }

  static async start(clientSecret: string): Promise<FakeTokenEndpoint> {
    const endpoint = new FakeTokenEndpoint(clientSecret);
    endpoint.#server.listen(0, '127.0.0.1');
    await once(endpoint.#server, 'listening');
    endpoint.url = `http://127.0.0.1:${(endpoint.#server.address() as AddressInfo).port}`;
    return endpoint;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #serve(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    this.requests.push({ path: request.url ?? '', contentType: request.headers['content-type'], form });
    const send = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!/^\/[\w-]+\/oauth2\/v2\.0\/token$/.test(request.url ?? '') || form.grant_type !== 'client_credentials') {
      return send(400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003: unsupported grant type.' });
    }
    if (form.client_secret !== this.clientSecret) {
      return send(401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.client_id}'. Secret: ${form.client_secret}\r\nTrace ID: 1`,
      });
    }
    send(200, { token_type: 'Bearer', expires_in: this.expiresIn, ext_expires_in: this.expiresIn, access_token: `token-${this.requests.length}` });
  }
}
