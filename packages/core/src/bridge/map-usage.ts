import type { ChatUsage } from './chat-api.js';
import type { ResponsesUsage } from './responses-api.js';

/** Responses `usage` → Chat Completions `usage` (cached and reasoning tokens kept). */
export function toChatUsage(usage: ResponsesUsage): Record<string, unknown> {
  const prompt = usage.input_tokens ?? 0;
  const completion = usage.output_tokens ?? 0;
  const promptDetails: Record<string, number> = { cached_tokens: usage.input_tokens_details?.cached_tokens ?? 0 };
  const cacheWrite = usage.input_tokens_details?.cache_write_tokens;
  if (cacheWrite !== undefined) promptDetails.cache_write_tokens = cacheWrite;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.total_tokens ?? prompt + completion,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { reasoning_tokens: usage.output_tokens_details?.reasoning_tokens ?? 0 },
  };
}

/**
 * Chat Completions `usage` → Responses `usage`. Every detail field is present because the
 * spec marks them required. An upstream that reported no usage (many OpenAI-compatible servers
 * ignore `stream_options.include_usage`) gives `null`, never invented zeros: its cost is
 * unknown (null), not $0.
 */
export function toResponsesUsage(usage: ChatUsage | null | undefined): Record<string, unknown> | null {
  if (usage == null || typeof usage.prompt_tokens !== 'number') return null;
  const input = usage.prompt_tokens;
  const output = usage.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
      cache_write_tokens: usage.prompt_tokens_details?.cache_write_tokens ?? 0,
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens ?? input + output,
  };
}
