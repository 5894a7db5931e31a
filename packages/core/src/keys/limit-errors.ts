import { formatAttoUsd } from '../cost/atto-usd.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { RateWindowState, Refusal } from '../stores/counter-store.js';
import { PROXY_ID } from './proxy-limits.js';

/** `key:<hash>` → "key"; `team:<id>` → "team <id>"; `key:<hash>:model:<m>` → "key's budget for model <m>". */
function ownerOf(id: string, limit: Refusal['kind']): string {
  if (id === PROXY_ID) return limit === 'budget' ? 'proxy as a whole (litellm_settings.max_budget)' : 'proxy as a whole (general_settings.global_max_parallel_requests)';
  const model = id.indexOf(':model:');
  if (model !== -1) return `key (model ${id.slice(model + 7)})`;
  const [kind, rest] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  return kind === 'key' ? 'key' : `${kind} ${rest}`;
}

/** The 429 for a refused reservation, with LiteLLM's codes and `retry-after`. */
export function refusalError(refusal: Refusal, windows: readonly RateWindowState[], now: number): GatewayError {
  const headers = rateLimitHeaders(windows, now);
  if (refusal.kind === 'budget') {
    if (refusal.windowEndsAt !== null) headers['retry-after'] = String(Math.max(1, Math.ceil((refusal.windowEndsAt - now) / 1000)));
    const held = refusal.reserved > 0n ? ` (${formatAttoUsd(refusal.reserved)} held by requests in flight)` : '';
    return new GatewayError(
      'budget_exceeded',
      `Budget has been exceeded for the ${ownerOf(refusal.id, refusal.kind)}: current cost ${formatAttoUsd(refusal.spent)}${held}, max budget ${formatAttoUsd(refusal.limit)}; this request may cost up to what is left and more.`,
      { headers },
    );
  }
  if (refusal.kind === 'parallel') {
    headers['retry-after'] = '1';
    return new GatewayError('rate_limit_exceeded', `Max parallel requests reached for the ${ownerOf(refusal.id, refusal.kind)}: ${refusal.inFlight} in flight, limit ${refusal.limit}.`, { headers });
  }
  headers['retry-after'] = String(Math.max(1, Math.ceil((refusal.resetAt - now) / 1000)));
  const unit = refusal.kind === 'rpm' ? 'requests' : 'tokens';
  return new GatewayError('rate_limit_exceeded', `Rate limit reached for the ${ownerOf(refusal.id, refusal.kind)}: ${refusal.used} ${unit} used this minute, limit ${refusal.limit} ${refusal.kind}.`, { headers });
}

/** OpenAI's `x-ratelimit-*` headers from the tightest window of each kind, added to `headers`. */
export function rateLimitHeaders(windows: readonly RateWindowState[], now: number, headers: Record<string, string> = {}): Record<string, string> {
  let requests: RateWindowState | undefined;
  let tokens: RateWindowState | undefined;
  for (const window of windows) {
    if (window.remainingRequests !== null && (requests === undefined || window.remainingRequests < requests.remainingRequests!)) requests = window;
    if (window.remainingTokens !== null && (tokens === undefined || window.remainingTokens < tokens.remainingTokens!)) tokens = window;
  }
  if (requests !== undefined) {
    headers['x-ratelimit-limit-requests'] = String(requests.limitRequests);
    headers['x-ratelimit-remaining-requests'] = String(requests.remainingRequests);
    headers['x-ratelimit-reset-requests'] = resetIn(requests.resetAt, now);
  }
  if (tokens !== undefined) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limitTokens);
    headers['x-ratelimit-remaining-tokens'] = String(tokens.remainingTokens);
    headers['x-ratelimit-reset-tokens'] = requests !== undefined && tokens.resetAt === requests.resetAt ? headers['x-ratelimit-reset-requests']! : resetIn(tokens.resetAt, now);
  }
  return headers;
}

function resetIn(resetAt: number, now: number): string {
  return `${Math.max(0, Math.ceil((resetAt - now) / 1000))}s`;
}
