import { GatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { pickUpstreamHeaders } from './pick-upstream-headers.js';
import { redactSecrets } from './redact-secrets.js';
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
 * (message, type, param, code) kept where present, keys redacted, retry hints passed through.
 */
export async function mapUpstreamError(response: Dispatcher.ResponseData, target: UpstreamTarget): Promise<GatewayError> {
  const text = await readBoundedText(response.body, ERROR_BODY_LIMIT_BYTES);
  const fields = readErrorFields(text);
  const message = fields.message === undefined || fields.message === '' ? `Upstream returned HTTP ${response.statusCode}` : fields.message;
  return new GatewayError(fields.code ?? 'upstream_error', redactSecrets(message, target.apiKey), {
    status: response.statusCode,
    type: fields.type ?? 'upstream_error',
    param: fields.param ?? null,
    headers: pickUpstreamHeaders(response.headers),
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
function readErrorFields(text: string): UpstreamErrorFields {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isObject(body)) return {};
  const error = body.error;
  if (typeof error === 'string') return { message: error };
  const source = isObject(error) ? error : body;
  return {
    message: stringField(source.message) ?? stringField(body.detail),
    type: stringField(source.type),
    param: stringField(source.param),
    code: stringField(source.code),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
