import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';

/** Error bodies are short; a server that streams megabytes on an error is cut off here. */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

interface Mapped {
  readonly status?: number;
  readonly type: string;
  readonly code: string;
}

/**
 * Bedrock runtime exceptions → OpenAI error type, code and (where clients retry on it) status
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors,
 * and the stream's `*Exception` events). Keys are lower-cased, without the `Exception` suffix,
 * so `ThrottlingException` (an HTTP error) and `throttlingException` (a stream frame) meet.
 */
const EXCEPTIONS: Readonly<Record<string, Mapped>> = {
  validation: { status: 400, type: 'invalid_request_error', code: 'invalid_request_error' },
  accessdenied: { status: 403, type: 'permission_error', code: 'upstream_permission_error' },
  unrecognizedclient: { status: 401, type: 'authentication_error', code: 'upstream_authentication_error' },
  invalidsignature: { status: 401, type: 'authentication_error', code: 'upstream_authentication_error' },
  expiredtoken: { status: 401, type: 'authentication_error', code: 'upstream_authentication_error' },
  resourcenotfound: { status: 404, type: 'invalid_request_error', code: 'upstream_not_found' },
  throttling: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  servicequotaexceeded: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  modelnotready: { status: 503, type: 'upstream_error', code: 'upstream_overloaded' },
  serviceunavailable: { status: 503, type: 'upstream_error', code: 'upstream_overloaded' },
  internalserver: { status: 500, type: 'server_error', code: 'upstream_error' },
  modeltimeout: { status: 504, type: 'upstream_error', code: 'upstream_timeout' },
  modelerror: { status: 502, type: 'upstream_error', code: 'upstream_error' },
  modelstreamerror: { status: 502, type: 'upstream_error', code: 'upstream_error' },
  conflict: { status: 409, type: 'invalid_request_error', code: 'invalid_request_error' },
};

export interface BedrockErrorOptions {
  /** The HTTP status (a stream exception frame: 200). */
  readonly status: number;
  readonly redactor: Redactor;
  readonly headers?: Record<string, string>;
}

/** One Bedrock exception (its type and message) as a GatewayError; message redacted. */
export function bedrockError(exceptionType: string | undefined, message: unknown, options: BedrockErrorOptions): GatewayError {
  const key = exceptionType?.replace(/Exception$/i, '').toLowerCase();
  const known = key === undefined ? undefined : EXCEPTIONS[key];
  const status = known?.status ?? (options.status >= 400 ? options.status : 502);
  const text = typeof message === 'string' && message !== '' ? message : `Upstream returned ${exceptionType ?? `HTTP ${options.status}`}`;
  // A prompt over the model's window is a ValidationException; clients and fallbacks key on the code.
  const code = key === 'validation' && /too long|context (window|length)|maximum.*tokens/i.test(text) ? 'context_length_exceeded' : (known?.code ?? (status === 429 ? 'rate_limit_exceeded' : 'upstream_error'));
  return new GatewayError(code, options.redactor.text(text), {
    status,
    type: known?.type ?? (status === 429 ? 'rate_limit_error' : status < 500 ? 'invalid_request_error' : 'upstream_error'),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}

/** A non-2xx answer: the exception from `x-amzn-errortype` (else the body's `__type`), the body's message. */
export async function mapBedrockError(response: Dispatcher.ResponseData, redactor: Redactor): Promise<GatewayError> {
  const text = await readBoundedText(response.body, ERROR_BODY_LIMIT_BYTES);
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const header = firstValue(response.headers['x-amzn-errortype']);
  const rawType = header ?? (typeof body.__type === 'string' ? body.__type : undefined);
  // `ValidationException:http://internal.amazon.com/coral/…` or `com.amazon.coral.validate#ValidationException`.
  const exceptionType = rawType?.split(':')[0]?.split('#').at(-1);
  return bedrockError(exceptionType, body.message ?? body.Message, { status: response.statusCode, redactor, headers: pickUpstreamHeaders(response.headers, redactor) });
}

/** Retry hints and the AWS request id (for support tickets), redacted; nothing else. */
export function pickUpstreamHeaders(headers: IncomingHttpHeaders, redactor: Redactor): Record<string, string> {
  const picked: Record<string, string> = {};
  const retryAfter = firstValue(headers['retry-after']);
  if (retryAfter !== undefined) picked['retry-after'] = redactor.text(retryAfter);
  const requestId = firstValue(headers['x-amzn-requestid']);
  if (requestId !== undefined) picked['x-upstream-request-id'] = redactor.text(requestId);
  return picked;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

async function readBoundedText(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
  } catch {
    // A body cut short still leaves the upstream status to report.
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}
