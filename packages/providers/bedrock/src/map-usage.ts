import { isObject, type JsonObject } from './json.js';

/**
 * Converse `TokenUsage` → OpenAI usage. With prompt caching active, `inputTokens` counts only
 * the tokens neither read from nor written to the cache, so prompt_tokens adds both back
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html); reads are
 * `cached_tokens`, writes `cache_write_tokens` (and `cache_creation_input_tokens`, as LiteLLM
 * reports them), each priced at its own rate from the capability data.
 */
export function toChatUsage(raw: unknown): JsonObject {
  const usage = isObject(raw) ? raw : {};
  const input = count(usage.inputTokens);
  const output = count(usage.outputTokens);
  const cacheRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  const prompt = input + cacheRead + cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
    cache_creation_input_tokens: cacheWrite,
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}
