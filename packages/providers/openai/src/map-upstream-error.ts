import { GatewayError, safeErrorCode, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import type { UpstreamTarget } from './upstream-target.js';

/** Error bodies are short; a server that streams megabytes on an error is cut off here. */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

interface UpstreamErrorFields {
  message?: string;
  type?: string;
  param?: string;
  code?: string;
}

/**
 * An upstream non-2xx answer as a GatewayError: upstream status kept, the OpenAI error fields
 * (message, type, param, code) kept where present, retry hints passed through. Every field and
 * header is redacted by value: upstreams echo the key they were sent, in `message`
 * ("Incorrect API key provided: sk-…") and sometimes in `param` or `code`. A code that no
 * longer looks like one after redaction becomes `upstream_error`.
 */
export async function mapUpstreamError(response: Dispatcher.ResponseData, target: UpstreamTarget): Promise<GatewayError> {
  const text = await readBoundedText(response.body, ERROR_BODY_LIMIT_BYTES);
  const fields = readErrorFields(text, target.redactor);
  const message = fields.message === undefined || fields.message === '' ? `Upstream returned HTTP ${response.statusCode}` : fields.message;
  return new GatewayError(fields.code === undefined ? 'upstream_error' : safeErrorCode(fields.code, target.redactor), message, {
    status: response.statusCode,
    type: fields.type ?? 'upstream_error',
    param: fields.param ?? null,
    headers: pickUpstreamHeaders(response.headers, target.redactor),
  });
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

/**
 * OpenAI sends `{"error": {message, type, param, code}}`; vLLM and others send the fields at
 * the top level (with a numeric code), FastAPI servers `{"detail": "…"}`.
 */
function readErrorFields(text: string, redactor: Redactor): UpstreamErrorFields {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isObject(body)) return {};
  const error = body.error;
  if (typeof error === 'string') return { message: redactor.text(error) };
  const source = isObject(error) ? error : body;
  return {
    message: stringField(source.message, redactor) ?? stringField(body.detail, redactor),
    type: stringField(source.type, redactor),
    param: stringField(source.param, redactor),
    code: stringField(source.code, redactor),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown, redactor: Redactor): string | undefined {
  return typeof value === 'string' ? redactor.text(value) : undefined;
}
