import { GatewayError, type Deployment, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { DEFAULT_AUTHORITY, DEFAULT_SCOPE } from './azure-provider-options.js';
import { EntraTokenSource } from './entra-token-source.js';

/** How a deployment authenticates, decided once per deployment. */
export type AzureAuth =
  | { readonly kind: 'static'; readonly headers: Readonly<Record<string, string>>; readonly secrets: readonly string[] }
  | { readonly kind: 'entra'; readonly source: EntraTokenSource; readonly secrets: readonly string[] };

export interface AuthEnvironment {
  readonly apiKey: string | undefined;
  readonly authorityHost: string | undefined;
}

/**
 * LiteLLM's order: `api_key` (else AZURE_API_KEY) as the `api-key` header; else `azure_ad_token`
 * as a bearer token; else Entra ID client credentials (`tenant_id`, `client_id`,
 * `client_secret`). A deployment with none of them is refused on its first request, naming the
 * keys to set.
 */
export function resolveAzureAuth(
  deployment: Deployment,
  environment: AuthEnvironment,
  context: { readonly dispatcherFor: (origin: string) => Dispatcher; readonly redactor: (secrets: readonly string[]) => Redactor; readonly label: string },
): AzureAuth {
  const params = deployment.extraParams;
  const apiKey = deployment.apiKey?.reveal() || environment.apiKey;
  if (apiKey) return { kind: 'static', headers: { 'api-key': apiKey }, secrets: [apiKey] };
  const adToken = reveal(params.azure_ad_token);
  if (adToken) return { kind: 'static', headers: { authorization: `Bearer ${adToken}` }, secrets: [adToken] };
  const tenantId = reveal(params.tenant_id);
  const clientId = reveal(params.client_id);
  const clientSecret = reveal(params.client_secret);
  if (tenantId && clientId && clientSecret) {
    const authority = parseAuthority(reveal(params.azure_authority_host) || environment.authorityHost || DEFAULT_AUTHORITY, deployment);
    const secrets = [clientSecret];
    const source = new EntraTokenSource({
      authority,
      tenantId,
      clientId,
      clientSecret,
      scope: reveal(params.azure_scope) || DEFAULT_SCOPE,
      dispatcher: context.dispatcherFor(authority.origin),
      redactor: context.redactor(secrets),
      label: context.label,
    });
    return { kind: 'entra', source, secrets };
  }
  const partial = [tenantId && 'tenant_id', clientId && 'client_id', clientSecret && 'client_secret'].filter(Boolean);
  throw new GatewayError(
    'missing_upstream_api_key',
    `Deployment "${deployment.modelName}" (${deployment.configPath}) has no Azure credentials: set litellm_params.api_key (or AZURE_API_KEY before the gateway starts), azure_ad_token, or tenant_id + client_id + client_secret${partial.length > 0 ? ` (only ${partial.join(', ')} is set)` : ''}.`,
  );
}

/** A config value as text: literals, resolved `os.environ/` references and Secrets. */
export function reveal(value: unknown): string | undefined {
  // An `os.environ/` reference whose variable is not set stays as written: not a credential.
  if (typeof value === 'string') return value === '' || value.startsWith('os.environ/') ? undefined : value;
  if (typeof value === 'object' && value !== null && typeof (value as { reveal?: unknown }).reveal === 'function') {
    const text = (value as { reveal(): string }).reveal();
    return text === '' ? undefined : text;
  }
  return undefined;
}

function parseAuthority(value: string, deployment: Deployment): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.azure_authority_host must be an http:// or https:// URL.`);
  }
  return url;
}
