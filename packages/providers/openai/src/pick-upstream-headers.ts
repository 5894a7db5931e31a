import type { IncomingHttpHeaders } from 'node:http';
import type { Redactor } from '@switchyard/core';

/**
 * The upstream headers worth showing the client: rate-limit state and retry hints (clients back
 * off on them), and the upstream request id for support tickets. Nothing else (never
 * set-cookie, never anything auth-related). Values are redacted like error bodies: an upstream
 * may echo the key anywhere. Most are a few digits, which the redactor returns at once.
 */
export function pickUpstreamHeaders(headers: IncomingHttpHeaders, redactor: Redactor): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (name.startsWith('x-ratelimit-') || name === 'retry-after' || name === 'retry-after-ms' || name === 'openai-processing-ms') {
      picked[name] = redactor.text(firstValue(value));
    } else if (name === 'x-request-id') {
      // Renamed so it does not clash with the gateway's own request id.
      picked['x-upstream-request-id'] = redactor.text(firstValue(value));
    }
  }
  return picked;
}

function firstValue(value: string | string[]): string {
  return typeof value === 'string' ? value : (value[0] ?? '');
}
