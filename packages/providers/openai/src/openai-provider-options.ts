import type { Dispatcher } from 'undici';

export interface OpenAIProviderOptions {
  /** Where deployments without `api_base` go. Default `https://api.openai.com/v1`. */
  readonly defaultBaseUrl?: string;
  /**
   * The key for `openai/…` deployments without `api_key`. Default: `OPENAI_API_KEY`, read once
   * when the gateway creates the provider (LiteLLM's default). Never used for the aliases
   * (`hosted_vllm/…` etc.), so an OpenAI key is not sent to a server declared as something else.
   */
  readonly apiKey?: string;
  /**
   * Where OPENAI_API_KEY and the table's variables (GROQ_API_KEY, OLLAMA_API_BASE, …) are read,
   * once, when the gateway creates the provider. Default `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sockets per upstream origin. Default unlimited: each in-flight stream holds one socket. */
  readonly connectionsPerOrigin?: number;
  /** How long an idle upstream socket stays open, in ms. Default undici's (4 s, or the server's hint). */
  readonly keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout in ms. Default undici's (10 s). */
  readonly connectTimeoutMs?: number;
  /**
   * The largest upstream answer read, in bytes: a JSON body, or one event of a stream. Over it
   * the upstream request is aborted and the client gets 502 `upstream_response_too_large`.
   * Default: `general_settings.max_response_size_mb`, else 64 MB. A stream as a whole has no
   * cap (it is passed on as it arrives, under backpressure); its timeouts bound it.
   */
  readonly maxResponseBytes?: number;
  /**
   * Sends every request through this dispatcher instead of the provider's own pools: undici's
   * `MockAgent` in tests, a `ProxyAgent` behind a corporate proxy. The provider does not close it.
   */
  readonly dispatcher?: Dispatcher;
}

/** 64 MB: above the largest embeddings batch OpenAI returns as base64 (2048 × 3072 floats ≈ 34 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1_000_000;
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const OPENAI_API_KEY_VARIABLE = 'OPENAI_API_KEY';
