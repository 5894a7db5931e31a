import { isObject, type JsonObject } from './json.js';

/** The cumulative usage fields of Anthropic's `Usage` / `MessageDeltaUsage` the mapping reads. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  /** `cache_creation.ephemeral_1h_input_tokens`: the 1-hour part of the cache writes. */
  cache_write_1h_tokens: number;
}

export function emptyUsage(): AnthropicUsage {
  return { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, cache_write_1h_tokens: 0 };
}

/**
 * Folds a usage snapshot into `into`. Anthropic's stream usage is cumulative (message_start
 * has the input side, message_delta the totals so far), so a field present replaces the old
 * value; nothing is ever added up.
 */
export function takeUsage(into: AnthropicUsage, raw: unknown): void {
  if (!isObject(raw)) return;
  for (const name of ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const) {
    const value = raw[name];
    if (typeof value === 'number') into[name] = value;
  }
  if (isObject(raw.cache_creation) && typeof raw.cache_creation.ephemeral_1h_input_tokens === 'number') {
    into.cache_write_1h_tokens = raw.cache_creation.ephemeral_1h_input_tokens;
  }
}

/**
 * Anthropic usage → OpenAI usage. `input_tokens` excludes the cache, so prompt_tokens adds
 * reads and writes back; cache writes are reported beside cached_tokens (and at the top level
 * as `cache_creation_input_tokens`, as LiteLLM does), the 1-hour part separately for pricing.
 */
export function toChatUsage(usage: AnthropicUsage): JsonObject {
  const promptTokens = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  const details: JsonObject = { cached_tokens: usage.cache_read_input_tokens, cache_write_tokens: usage.cache_creation_input_tokens };
  if (usage.cache_write_1h_tokens > 0) details.cache_write_1h_tokens = usage.cache_write_1h_tokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.output_tokens,
    total_tokens: promptTokens + usage.output_tokens,
    prompt_tokens_details: details,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
  };
}
