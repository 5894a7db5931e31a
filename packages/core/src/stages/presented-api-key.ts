import type { GatewayContext } from '../pipeline/gateway-context.js';

/**
 * The API key a client presented: `Authorization: Bearer <key>` (OpenAI clients), else
 * `x-api-key` (Anthropic clients). Undefined when neither carries one. Any key the gateway
 * checks (the master key, a virtual key) is read through here, so every client sends it its
 * own way.
 */
export function presentedApiKey(context: Pick<GatewayContext, 'header'>): string | undefined {
  const authorization = context.header('authorization');
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  if (bearer !== undefined && bearer !== '') return bearer;
  const apiKey = context.header('x-api-key')?.trim();
  return apiKey === undefined || apiKey === '' ? undefined : apiKey;
}
