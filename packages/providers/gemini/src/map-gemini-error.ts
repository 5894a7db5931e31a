import { GatewayError, safeErrorCode } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import type { GeminiTarget } from './gemini-target.js';

const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

const TYPES: Readonly<Record<number, string>> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'invalid_request_error', 429: 'rate_limit_error' };

/**
 * Google's error body `{"error": {code, message, status, details}}` as a GatewayError: the
 * upstream status kept, `status` (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, …) lower-cased as
 * the code, the message redacted (Google echoes an invalid key in it). A 429's
 * `google.rpc.RetryInfo.retryDelay` ("7s") becomes `retry-after`, which OpenAI clients honour.
 */
export async function mapGeminiError(response: Dispatcher.ResponseData, target: GeminiTarget): Promise<GatewayError> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_BODY_LIMIT_BYTES) break;
    }
  } catch {
    // A body cut short still leaves the status to report.
  }
  let error: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: unknown };
    const inner = Array.isArray(parsed) ? (parsed[0] as { error?: unknown })?.error : parsed.error;
    if (typeof inner === 'object' && inner !== null) error = inner as Record<string, unknown>;
  } catch {
    // Not JSON: the status alone is reported.
  }
  const status = response.statusCode;
  const message = typeof error.message === 'string' && error.message !== '' ? target.redactor.text(error.message) : `Upstream returned HTTP ${status}`;
  const code = typeof error.status === 'string' ? safeErrorCode(error.status.toLowerCase(), target.redactor) : 'upstream_error';
  const headers: Record<string, string> = {};
  // RetryInfo is Google's own hint; a proxy in front (or Vertex's front end) may send the HTTP header instead.
  const retryAfter = retryDelaySeconds(error.details) ?? retryAfterHeader(response.headers['retry-after']);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return new GatewayError(code, message, { status, type: TYPES[status] ?? 'upstream_error', headers });
}

function retryDelaySeconds(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const record = detail as Record<string, unknown> | null;
    if (typeof record?.['@type'] === 'string' && record['@type'].endsWith('google.rpc.RetryInfo') && typeof record.retryDelay === 'string') {
      const seconds = Number.parseFloat(record.retryDelay);
      if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    }
  }
  return undefined;
}

/** An upstream `retry-after` in seconds (an HTTP date is left out: clients would misread it as-is). */
function retryAfterHeader(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,6}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
