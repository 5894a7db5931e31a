import type { Dispatcher } from 'undici';

export interface GeminiProviderOptions {
  /**
   * Where GEMINI_API_KEY (else GOOGLE_API_KEY) is read,
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
  /** Sends every request through this dispatcher: a `ProxyAgent`, undici's `MockAgent`. */
  readonly dispatcher?: Dispatcher;
}
