import { describe, expect, it } from 'vitest';
import { anthropicErrorType, toAnthropicErrorResponse } from './anthropic-error-body.js';
import { GatewayError } from './gateway-error.js';
import { toErrorResponse } from './to-error-response.js';

describe('Anthropic error shape', () => {
  it("uses Anthropic's error type for each status", () => {
    const statuses = [400, 401, 402, 403, 404, 405, 413, 415, 429, 500, 502, 503, 504, 529];
    expect(Object.fromEntries(statuses.map((status) => [status, anthropicErrorType(status)]))).toEqual({
      400: 'invalid_request_error',
      401: 'authentication_error',
      402: 'billing_error',
      403: 'permission_error',
      404: 'not_found_error',
      405: 'invalid_request_error',
      413: 'request_too_large',
      415: 'invalid_request_error',
      429: 'rate_limit_error',
      500: 'api_error',
      502: 'api_error',
      503: 'overloaded_error',
      504: 'timeout_error',
      529: 'overloaded_error',
    });
  });

  it('rewrites a gateway error response keeping status and headers (retry-after)', () => {
    const mapped = toErrorResponse(new GatewayError('rate_limit_exceeded', 'Slow down.', { status: 429, headers: { 'retry-after': '3' } }));
    expect(toAnthropicErrorResponse(mapped)).toEqual({
      kind: 'json',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } },
    });
  });
});

describe('isAnthropicPath', () => {
  it('knows the Messages routes at the mount root and under /v1 behind any prefix, and nothing else', async () => {
    const { isAnthropicPath } = await import('./error-response-for-path.js');
    const yes = ['/messages', '/v1/messages', '/v1/messages/', '/v1/messages/count_tokens', '/llm/v1/messages?beta=true', '/messages/count_tokens'];
    const no = ['/v1/chat/completions', '/v1/threads/t_1/messages', '/v1/messages/other', '/v1/messagesx'];
    expect(yes.filter((path) => !isAnthropicPath(path))).toEqual([]);
    expect(no.filter((path) => isAnthropicPath(path))).toEqual([]);
  });
});
