import type { Usage } from '../cost/usage.js';
import type { ChatUsage } from './chat-api.js';
import { isJsonObject } from './json-object.js';
import type { MessagesStopReason, MessagesUsage } from './messages-api.js';

/**
 * Chat usage → Messages usage. Anthropic's `input_tokens` excludes the cache, so cached reads and
 * cache writes are taken out of `prompt_tokens` and reported in their own fields.
 */
export function chatToMessagesUsage(usage: ChatUsage | null | undefined): MessagesUsage {
  const details = usage?.prompt_tokens_details ?? undefined;
  const cacheRead = details?.cached_tokens ?? 0;
  const cacheWrite = details?.cache_write_tokens ?? (usage as { cache_creation_input_tokens?: number } | undefined)?.cache_creation_input_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}

/**
 * A Messages `usage` object (a Message's, or message_start's and message_delta's folded
 * together) → `Usage`: input = uncached + cache reads + cache writes, the 1-hour part of the
 * writes from `cache_creation.ephemeral_1h_input_tokens`. Undefined when the counts are not
 * whole numbers.
 */
export function extractMessagesUsage(raw: unknown): Usage | undefined {
  if (!isJsonObject(raw)) return undefined;
  const input = count(raw.input_tokens);
  const output = count(raw.output_tokens ?? 0);
  if (input === undefined || output === undefined) return undefined;
  const cacheRead = count(raw.cache_read_input_tokens) ?? 0;
  const cacheWrite = count(raw.cache_creation_input_tokens) ?? 0;
  const oneHour = isJsonObject(raw.cache_creation) ? (count(raw.cache_creation.ephemeral_1h_input_tokens) ?? 0) : 0;
  return {
    inputTokens: input + cacheRead + cacheWrite,
    outputTokens: output,
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
    ...(oneHour > 0 ? { cacheWrite1hTokens: oneHour } : {}),
  };
}

/** Chat's finish_reason → Messages' stop_reason. Chat does not say which stop sequence matched. */
export function toMessagesStopReason(finishReason: string | null | undefined): MessagesStopReason {
  if (finishReason === 'length') return 'max_tokens';
  if (finishReason === 'tool_calls' || finishReason === 'function_call') return 'tool_use';
  if (finishReason === 'content_filter') return 'refusal';
  return 'end_turn';
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
