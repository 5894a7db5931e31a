import { GatewayError } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { discardBody, firstHeader } from './read-upstream-body.js';
import type { UpstreamTarget } from './upstream-target.js';

/**
 * Redirects are not followed (a request body with a key in its headers is not re-sent to
 * wherever a Location points) nor passed on: the client asked for a model, not a URL. The
 * Location is not shown, as it can carry tokens.
 */
export function redirected(response: Dispatcher.ResponseData, target: UpstreamTarget): GatewayError {
  discardBody(response.body);
  return new GatewayError(
    'upstream_error',
    `The upstream for ${target.label} answered with a redirect (HTTP ${response.statusCode}), which Switchyard does not follow: check litellm_params.api_base.`,
    { status: 502 },
  );
}

/** A stream request answered 2xx with JSON or HTML (a proxy's page, a wrong base URL). */
export function notAStream(response: Dispatcher.ResponseData, target: UpstreamTarget): GatewayError {
  discardBody(response.body);
  const contentType = firstHeader(response.headers['content-type']);
  const mediaType = contentType === undefined ? 'no content-type' : (contentType.split(';')[0] ?? '').trim().slice(0, 100) || 'no content-type';
  return new GatewayError(
    'upstream_invalid_response',
    `The upstream for ${target.label} answered a stream request with ${mediaType} (HTTP ${response.statusCode}) instead of an event stream (text/event-stream).`,
  );
}

export function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = firstHeader(contentType);
  // A prefix test, not a regex: `text/event-stream; charset=utf-8` is the common form.
  return value !== undefined && value.trimStart().toLowerCase().startsWith('text/event-stream');
}
