import type { IncomingHttpHeaders } from 'node:http';
import type { Redactor } from '@switchyard/core';

/**
 * The upstream headers worth showing the client: retry hints, Anthropic's rate-limit state
 * (`anthropic-ratelimit-*`), and the upstream request id (`request-id`) for support tickets.
 * Nothing else, and every value redacted (an upstream may echo what it was sent).
 * https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
export function pickUpstreamHeaders(headers: IncomingHttpHeaders, redactor: Redactor): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (name.startsWith('anthropic-ratelimit-') || name === 'retry-after') picked[name] = redactor.text(firstValue(value));
    else if (name === 'request-id') picked['x-upstream-request-id'] = redactor.text(firstValue(value));
  }
  return picked;
}

function firstValue(value: string | string[]): string {
  return typeof value === 'string' ? value : (value[0] ?? '');
}
