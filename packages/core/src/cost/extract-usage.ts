import type { Usage } from './usage.js';

/**
 * Reads an upstream `usage` object into `Usage`. Understands Chat Completions and embeddings
 * (`prompt_tokens`, `completion_tokens`, `prompt_tokens_details.cached_tokens` and
 * `.cache_write_tokens`,
 * `completion_tokens_details.reasoning_tokens`, and the `cache_creation_input_tokens` that
 * Anthropic-compatible servers add) and the Responses API (`input_tokens`, `output_tokens`,
 * `input_tokens_details.cached_tokens` and `.cache_write_tokens`, `output_tokens_details.reasoning_tokens`).
 * Returns undefined when there is no usage or its token counts are not whole numbers.
 */
export function extractUsage(raw: unknown): Usage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const usage = raw as Record<string, unknown>;
  const responses = usage.input_tokens !== undefined;
  const inputTokens = count(responses ? usage.input_tokens : usage.prompt_tokens);
  const outputTokens = count((responses ? usage.output_tokens : usage.completion_tokens) ?? 0);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const inputDetails = details(responses ? usage.input_tokens_details : usage.prompt_tokens_details);
  const outputDetails = details(responses ? usage.output_tokens_details : usage.completion_tokens_details);
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens: count(inputDetails?.cached_tokens) ?? 0,
    // The spec's name (`cache_write_tokens` in prompt_tokens_details / input_tokens_details) first.
    cacheWriteTokens: count(inputDetails?.cache_write_tokens ?? usage.cache_creation_input_tokens ?? inputDetails?.cache_creation_tokens) ?? 0,
    reasoningTokens: count(outputDetails?.reasoning_tokens) ?? 0,
    // Anthropic's 1-hour cache writes, as @switchyard/provider-anthropic reports them.
    ...(count(inputDetails?.cache_write_1h_tokens) ? { cacheWrite1hTokens: count(inputDetails?.cache_write_1h_tokens) } : {}),
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function details(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
