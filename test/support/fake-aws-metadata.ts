import { createServer, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server.js';

export interface MetadataCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/**
 * A fake of the two AWS metadata endpoints on loopback. EC2 instance metadata, IMDSv2 only:
 * `PUT /latest/api/token` (with the TTL header) issues a session token, required on
 * `GET /latest/meta-data/iam/security-credentials/` (the role's name) and `…/{role}` (its
 * credentials, `Code: Success`). The container endpoint: `GET /container/credentials` answers
 * the container role's credentials when `Authorization` is the token it expects. Every request
 * is recorded.
 */
export class FakeAwsMetadata {
  readonly requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[] = [];
  role: string | undefined = 'bedrock-instance-role';
  containerToken = 'container-auth-token-EXAMPLE';
  #server: Server;
  url = '';

  private constructor(private readonly credentials: MetadataCredentials) {
    this.#server = createServer((request, response) => {
      request.resume();
      request.on('end', () => this.#serve(request.method ?? '', request.url ?? '', request.headers, response));
    });
  }

  static async start(credentials: MetadataCredentials): Promise<FakeAwsMetadata> {
    const fake = new FakeAwsMetadata(credentials);
    fake.url = await listenOnLoopback(fake.#server);
    return fake;
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  #serve(method: string, path: string, headers: Record<string, string | string[] | undefined>, response: ServerResponse): void {
    this.requests.push({ method, path, headers });
    const body = JSON.stringify({
      Code: 'Success',
      LastUpdated: new Date().toISOString(),
      Type: 'AWS-HMAC',
      AccessKeyId: this.credentials.accessKeyId,
      SecretAccessKey: this.credentials.secretAccessKey,
      Token: this.credentials.sessionToken,
      Expiration: new Date(Date.now() + 6 * 3600_000).toISOString(),
    });
    if (path === '/container/credentials' && method === 'GET') {
      if (headers.authorization !== this.containerToken) return send(response, 401, '{"message":"unauthorized"}');
      return send(response, 200, body);
    }
    if (path === '/latest/api/token') {
      if (method !== 'PUT' || headers['x-aws-ec2-metadata-token-ttl-seconds'] === undefined) return send(response, 400, '');
      return send(response, 200, 'imds-session-token-EXAMPLE');
    }
    if (headers['x-aws-ec2-metadata-token'] !== 'imds-session-token-EXAMPLE') return send(response, 401, '');
    if (path === '/latest/meta-data/iam/security-credentials/') return this.role === undefined ? send(response, 404, '') : send(response, 200, this.role);
    if (this.role !== undefined && path === `/latest/meta-data/iam/security-credentials/${this.role}`) return send(response, 200, body);
    send(response, 404, '');
  }
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/plain' });
  response.end(body);
}
