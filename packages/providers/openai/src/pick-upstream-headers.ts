import type { IncomingHttpHeaders } from 'node:http';

/**
 * The upstream headers worth showing the client: rate-limit state and retry hints (clients back
 * off on them), and the upstream request id for support tickets. Nothing else (never
 * set-cookie, never anything auth-related).
 */
export function pickUpstreamHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (name.startsWith('x-ratelimit-') || name === 'retry-after' || name === 'retry-after-ms' || name === 'openai-processing-ms') {
      picked[name] = firstValue(value);
    } else if (name === 'x-request-id') {
      // Renamed so it does not clash with the gateway's own request id.
      picked['x-upstream-request-id'] = firstValue(value);
    }
  }
  return picked;
}

function firstValue(value: string | string[]): string {
  return typeof value === 'string' ? value : (value[0] ?? '');
}
