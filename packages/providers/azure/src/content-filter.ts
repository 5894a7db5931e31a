import { GatewayError, isGatewayError } from '@switchyard/core';

/**
 * Azure refuses a prompt its content filter caught with HTTP 400 and `code: "content_filter"`
 * (`innererror.code: "ResponsibleAIPolicyViolation"`, with the categories in
 * `content_filter_result`). The client gets 400 `content_policy_violation`, the code a
 * `content_policy_fallbacks` rule keys on, with Azure's message (already redacted by the
 * upstream error mapper) and the upstream headers kept. A completion the filter cut is a 200
 * with `finish_reason: "content_filter"` and passes through unchanged.
 */
export function mapContentFilter(error: unknown): unknown {
  if (!isGatewayError(error) || error.status !== 400) return error;
  if (error.code !== 'content_filter' && error.code !== 'ResponsibleAIPolicyViolation' && error.code !== 'content_policy_violation') return error;
  return new GatewayError('content_policy_violation', error.message, {
    status: 400,
    param: error.param ?? 'prompt',
    cause: error,
    ...(error.headers === undefined ? {} : { headers: error.headers }),
  });
}
