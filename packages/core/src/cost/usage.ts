/** Token usage normalized across chat completions, Responses and embeddings. */
export interface Usage {
  /** All input tokens, cached ones included (OpenAI's `prompt_tokens` / `input_tokens`). */
  readonly inputTokens: number;
  /** Input tokens served from the prompt cache. */
  readonly cachedInputTokens: number;
  /** Input tokens written to the cache, where the provider reports them. */
  readonly cacheWriteTokens: number;
  /** The part of `cacheWriteTokens` written with a 1-hour TTL (Anthropic), priced at `cache_write_1h`. */
  readonly cacheWrite1hTokens?: number;
  /** All output tokens, reasoning included (OpenAI's `completion_tokens` / `output_tokens`). */
  readonly outputTokens: number;
  /** The reasoning part of `outputTokens`. */
  readonly reasoningTokens: number;
}
