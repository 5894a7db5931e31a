import type { Dispatcher } from 'undici';

/** Credential answers are a few KB; anything longer is cut here (and then fails to parse). */
const BODY_LIMIT_BYTES = 64 * 1024;

export interface CredentialRequest {
  readonly dispatcher: Dispatcher;
  readonly url: URL;
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole exchange, connect included. */
  readonly timeoutMs: number;
}

export interface CredentialResponse {
  readonly status: number;
  readonly text: string;
}

/**
 * One request to a credential endpoint (STS, the container agent, instance metadata) through
 * the plugin's dispatcher, the answer read as text up to 64 KB. Transport failures and the
 * timeout throw undici's errors (or an AbortError): the caller says what could not be reached.
 */
export async function requestCredentials(request: CredentialRequest): Promise<CredentialResponse> {
  const response = await request.dispatcher.request({
    origin: request.url.origin,
    path: `${request.url.pathname}${request.url.search}`,
    method: request.method,
    headers: request.headers ?? {},
    body: request.body,
    signal: AbortSignal.timeout(request.timeoutMs),
    headersTimeout: request.timeoutMs,
    bodyTimeout: request.timeoutMs,
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) {
      response.body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return { status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') };
}

/** Why a credential endpoint could not be reached, in words (never the request itself). */
export function describeTransportError(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError') return 'no answer in time';
  // A failed dual-stack connect is an AggregateError: its first error has the code.
  const first = error instanceof AggregateError ? (error.errors[0] as unknown) : error;
  const code = typeof first === 'object' && first !== null ? (first as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code !== '') return code;
  return 'network error';
}
