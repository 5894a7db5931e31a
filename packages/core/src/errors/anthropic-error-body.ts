import type { JsonResponse } from '../http/gateway-response.js';
import type { OpenAIErrorBody } from './gateway-error.js';

/** Anthropic's error body: what the Anthropic SDKs and coding agents parse on `/v1/messages`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

/**
 * The Anthropic error type for an HTTP status, as https://docs.anthropic.com/en/api/errors
 * lists them: 400 invalid_request_error, 401 authentication_error, 402 billing_error,
 * 403 permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error,
 * 504 timeout_error, 503 and 529 overloaded_error, anything else ≥ 500 api_error.
 */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 504:
      return 'timeout_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

export function toAnthropicErrorBody(status: number, message: string): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

/**
 * An error response in OpenAI's shape (what the one mapper writes) rewritten in Anthropic's;
 * status and headers kept. A body already in Anthropic's shape is left as it is.
 */
export function toAnthropicErrorResponse(response: JsonResponse): JsonResponse {
  const body = response.body as Partial<OpenAIErrorBody> & { type?: unknown } | null;
  if (body?.type === 'error') return response;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
  return { ...response, body: toAnthropicErrorBody(response.status, message) };
}
