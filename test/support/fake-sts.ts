import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verifySigV4, type KnownCredentials, type Verdict } from './sigv4-verifier.js';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** One STS call as the fake received it. */
export interface StsCall {
  readonly form: Record<string, string>;
  /** AssumeRole's SigV4 check (service `sts`); undefined for the unsigned AssumeRoleWithWebIdentity. */
  readonly signature: Verdict | undefined;
}

/** A set the fake issued, to hand to the fake Bedrock as known credentials. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/**
 * A fake AWS STS on loopback speaking the Query API as AWS does: `POST /` with a form,
 * AssumeRole checked with the SigV4 verifier (service `sts`) against the base credentials it
 * knows, AssumeRoleWithWebIdentity checked against the OIDC tokens it trusts. Each success
 * issues a fresh numbered set (`ASIAFAKESTS000000001`, …) valid `lifetimeSeconds`, answered in
 * STS's XML; refusals are STS's `ErrorResponse`. `onIssue` lets a test register each set with
 * the fake Bedrock.
 */
export class FakeSts {
  readonly calls: StsCall[] = [];
  lifetimeSeconds = 3600;
  /** Set to answer every call with this error instead. */
  refuse: { status: number; code: string; message: string } | undefined;
  #issued = 0;
  #server: Server;
  url = '';

  private constructor(
    private readonly baseCredentials: KnownCredentials,
    private readonly webTokens: readonly string[],
    private readonly onIssue: (credentials: IssuedCredentials) => void,
  ) {
    this.#server = createServer((request, response) => void this.#serve(request, response));
  }

  static async start(options: { baseCredentials?: KnownCredentials; webTokens?: readonly string[]; onIssue: (credentials: IssuedCredentials) => void }): Promise<FakeSts> {
    const fake = new FakeSts(options.baseCredentials ?? {}, options.webTokens ?? [], options.onIssue);
    fake.url = await listenOnLoopback(fake.#server);
    return fake;
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const form = Object.fromEntries(new URLSearchParams(text));
    const action = form.Action;
    const signature = action === 'AssumeRole' ? verifySigV4({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text }, this.baseCredentials) : undefined;
    this.calls.push({ form, signature });
    if (this.refuse !== undefined) return sendError(response, this.refuse.status, this.refuse.code, this.refuse.message);
    if (form.Version !== '2011-06-15' || !form.RoleArn || !form.RoleSessionName) return sendError(response, 400, 'MissingParameter', 'RoleArn, RoleSessionName and Version are required.');
    if (action === 'AssumeRole' && !signature?.ok) return sendError(response, 403, 'SignatureDoesNotMatch', `The request signature we calculated does not match (${signature?.ok === false ? signature.reason : ''}).`);
    if (action === 'AssumeRoleWithWebIdentity' && !this.webTokens.includes(form.WebIdentityToken ?? '')) return sendError(response, 400, 'InvalidIdentityToken', 'The web identity token is not valid.');
    if (action !== 'AssumeRole' && action !== 'AssumeRoleWithWebIdentity') return sendError(response, 400, 'InvalidAction', 'Could not find operation.');
    this.#issued += 1;
    const serial = String(this.#issued).padStart(9, '0');
    const issued = { accessKeyId: `ASIAFAKESTS${serial}`, secretAccessKey: `stsSecret${serial}EXAMPLE0123456789abcdefgh`, sessionToken: `FwoGZXIvYXdzEFAKESTS${serial}//token==` };
    this.onIssue(issued);
    const expiration = new Date(Date.now() + this.lifetimeSeconds * 1000).toISOString();
    response.writeHead(200, { 'content-type': 'text/xml' });
    response.end(`<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>
  <AssumedRoleUser><Arn>${form.RoleArn.replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/${form.RoleSessionName}</Arn><AssumedRoleId>AROAFAKE:${form.RoleSessionName}</AssumedRoleId></AssumedRoleUser>
  <Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId><SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey><SessionToken>${issued.sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials>
</${action}Result><ResponseMetadata><RequestId>fake-${serial}</RequestId></ResponseMetadata></${action}Response>`);
  }
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Error><RequestId>fake-error</RequestId></ErrorResponse>`);
}
