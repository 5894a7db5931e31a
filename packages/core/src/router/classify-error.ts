import { isGatewayError, type GatewayError } from '../errors/gateway-error.js';
import type { ErrorClass } from './router-settings.js';

const CONTEXT_CODES = new Set(['context_length_exceeded', 'context_window_exceeded', 'string_above_max_length']);
const CONTENT_POLICY_CODES = new Set(['content_policy_violation', 'content_filter']);
const TIMEOUT_CODES = new Set(['upstream_timeout']);
const UNREACHABLE_CODES = new Set(['upstream_unreachable', 'upstream_invalid_response']);

/** A failed attempt, by LiteLLM's exception class (what retry_policy and allowed_fails_policy name). */
export function classifyError(error: unknown): ErrorClass {
  if (!isGatewayError(error)) return 'InternalServerError';
  if (CONTEXT_CODES.has(error.code)) return 'ContextWindowExceededError';
  if (CONTENT_POLICY_CODES.has(error.code)) return 'ContentPolicyViolationError';
  if (TIMEOUT_CODES.has(error.code) || error.status === 408) return 'TimeoutError';
  if (UNREACHABLE_CODES.has(error.code)) return 'InternalServerError';
  if (error.status === 429) return 'RateLimitError';
  if (error.status === 401 || error.status === 403) return 'AuthenticationError';
  if (error.status === 404) return 'NotFoundError';
  if (error.status >= 500) return 'InternalServerError';
  return 'BadRequestError';
}

/** Classes a retry can help with when no retry_policy says otherwise (LiteLLM retries neither 400s nor 401s). */
export function retryableByDefault(errorClass: ErrorClass): boolean {
  return errorClass === 'RateLimitError' || errorClass === 'TimeoutError' || errorClass === 'InternalServerError';
}

/** Errors that are the client's, whichever deployment answers: no fallback either. */
export function isClientError(error: unknown): boolean {
  const errorClass = classifyError(error);
  return errorClass === 'BadRequestError' && isGatewayError(error) && error.status !== 499;
}

/** The upstream's own wait hint in ms (`retry-after-ms`, else `retry-after` in seconds or an HTTP date). */
export function upstreamRetryAfterMs(error: unknown, now: number): number | undefined {
  const headers = isGatewayError(error) ? (error as GatewayError).headers : undefined;
  if (headers === undefined) return undefined;
  const ms = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
