import type { Dispatcher } from 'undici';

export interface AnthropicProviderOptions {
  /** Where deployments without `api_base` go. Default `https://api.anthropic.com`. */
  readonly defaultBaseUrl?: string;
  /**
   * The key for `anthropic/…` deployments without `api_key`. Default: `ANTHROPIC_API_KEY`, read
   * once when the gateway creates the provider (LiteLLM's default).
   */
  readonly apiKey?: string;
  /** Sent as `anthropic-version`. Default `2023-06-01`, the only version the Messages API defines. */
  readonly anthropicVersion?: string;
  /** Sockets per upstream origin. Default unlimited: each in-flight stream holds one socket. */
  readonly connectionsPerOrigin?: number;
  /** How long an idle upstream socket stays open, in ms. Default undici's (4 s, or the server's hint). */
  readonly keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout in ms. Default undici's (10 s). */
  readonly connectTimeoutMs?: number;
  /** Sends every request through this dispatcher instead of the provider's own pools (MockAgent, ProxyAgent). */
  readonly dispatcher?: Dispatcher;
}

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_API_KEY_VARIABLE = 'ANTHROPIC_API_KEY';
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';
