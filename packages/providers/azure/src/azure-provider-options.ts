import type { Dispatcher } from 'undici';

export interface AzureProviderOptions {
  /**
   * Where AZURE_API_KEY, AZURE_API_BASE, AZURE_API_VERSION and AZURE_AUTHORITY_HOST are read,
   * once, when the gateway creates the provider (LiteLLM's variables). Default `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sockets per upstream origin. Default unlimited. */
  readonly connectionsPerOrigin?: number;
  /** How long an idle upstream socket stays open, in ms. Default undici's. */
  readonly keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout in ms. Default undici's (10 s). */
  readonly connectTimeoutMs?: number;
  /** The largest upstream answer read, in bytes. Default `general_settings.max_response_size_mb`, else 64 MB. */
  readonly maxResponseBytes?: number;
  /** Sends every request (token requests too) through this dispatcher: a `ProxyAgent`, undici's `MockAgent`. */
  readonly dispatcher?: Dispatcher;
}

/** LiteLLM's default scope for Azure OpenAI bearer tokens (AZURE_SCOPE). */
export const DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';
/** Azure public cloud; sovereign clouds set azure_authority_host or AZURE_AUTHORITY_HOST. */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
/** `api_version` values that select the v1 API (`…/openai/v1/…`) rather than the dated deployments path. */
export const V1_API_VERSIONS: ReadonlySet<string> = new Set(['v1', 'latest', 'preview']);
/** The classic API's version when neither api_version nor AZURE_API_VERSION is set: the latest GA one. */
export const DEFAULT_API_VERSION = '2024-10-21';
/** The same for Responses on the classic API, which GA versions lack. */
export const DEFAULT_RESPONSES_API_VERSION = '2025-04-01-preview';
