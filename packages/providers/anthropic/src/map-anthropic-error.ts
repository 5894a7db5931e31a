import { GatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import type { AnthropicTarget } from './anthropic-target.js';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';

/** Error bodies are short; a server that streams megabytes on an error is cut off here. */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/** Anthropic error type → the OpenAI error type and code clients know. https://docs.anthropic.com/en/api/errors */
const ERROR_TYPES: Readonly<Record<string, { type: string; code: string; status?: number }>> = {
  invalid_request_error: { type: 'invalid_request_error', code: 'invalid_request_error' },
  authentication_error: { type: 'authentication_error', code: 'upstream_authentication_error' },
  permission_error: { type: 'permission_error', code: 'upstream_permission_error' },
  billing_error: { type: 'billing_error', code: 'upstream_billing_error' },
  not_found_error: { type: 'invalid_request_error', code: 'upstream_not_found' },
  request_too_large: { type: 'invalid_request_error', code: 'upstream_request_too_large' },
  rate_limit_error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', status: 429 },
  timeout_error: { type: 'upstream_error', code: 'upstream_timeout', status: 504 },
  api_error: { type: 'server_error', code: 'upstream_error' },
  // 529 is not a status HTTP clients retry on; 503 is, and the code says why.
  overloaded_error: { type: 'upstream_error', code: 'upstream_overloaded', status: 503 },
};

/** An Anthropic `{type:"error", error:{type, message}}` as a GatewayError, key redacted. */
export function anthropicError(
  error: { type?: unknown; message?: unknown } | undefined,
  options: { status: number; target: AnthropicTarget; headers?: Record<string, string> },
): GatewayError {
  const anthropicType = typeof error?.type === 'string' ? error.type : undefined;
  const known = anthropicType === undefined ? undefined : ERROR_TYPES[anthropicType];
  const status = options.status === 529 ? 503 : (known?.status ?? options.status);
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `Upstream returned HTTP ${options.status}`;
  return new GatewayError(known?.code ?? (status === 503 ? 'upstream_overloaded' : 'upstream_error'), options.target.redactor.text(message), {
    status,
    type: known?.type ?? 'upstream_error',
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}

/** A non-2xx answer from the Messages API: status and retry hints kept, message redacted. */
export async function mapAnthropicError(response: Dispatcher.ResponseData, target: AnthropicTarget): Promise<GatewayError> {
  const text = await readBoundedText(response.body, ERROR_BODY_LIMIT_BYTES);
  return anthropicError(readError(text), { status: response.statusCode, target, headers: pickUpstreamHeaders(response.headers, target.redactor) });
}

function readError(text: string): { type?: unknown; message?: unknown } | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown } | null;
    return typeof body?.error === 'object' && body.error !== null ? (body.error as { type?: unknown; message?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

async function readBoundedText(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Leaving the loop early destroys the body, which closes the socket.
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
