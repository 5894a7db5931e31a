import { GatewayError } from '@switchyard/core';
import { THOUGHT_SEPARATOR } from './to-gemini-request.js';

type Json = Record<string, unknown>;

/**
 * Gemini's usageMetadata in OpenAI's terms (provider-notes §0): `promptTokenCount` already
 * includes `cachedContentTokenCount` (so it is prompt_tokens as is, cached a subset), while
 * `thoughtsTokenCount` is NOT in `candidatesTokenCount`: it is added to completion_tokens
 * (billed as output) and reported as reasoning_tokens.
 */
export function toOpenAIUsage(metadata: unknown): Json | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const usage = metadata as Json;
  const prompt = count(usage.promptTokenCount);
  const thoughts = count(usage.thoughtsTokenCount);
  const completion = count(usage.candidatesTokenCount) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: count(usage.cachedContentTokenCount) },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

export function finishReason(reason: unknown, hasToolCalls: boolean): string | null {
  if (reason === undefined || reason === null || reason === 'FINISH_REASON_UNSPECIFIED') return null;
  if (hasToolCalls) return 'tool_calls';
  if (reason === 'MAX_TOKENS') return 'length';
  if (typeof reason === 'string' && FILTERED.has(reason)) return 'content_filter';
  return 'stop';
}

/** A prompt Gemini blocked (`promptFeedback.blockReason`, no candidates): 400 content_policy_violation. */
export function assertNotBlocked(response: Json, label: string): void {
  const feedback = response.promptFeedback as Json | undefined;
  const reason = feedback?.blockReason;
  if (typeof reason === 'string' && reason !== 'BLOCK_REASON_UNSPECIFIED' && !(Array.isArray(response.candidates) && response.candidates.length > 0)) {
    throw new GatewayError('content_policy_violation', `Gemini blocked the prompt for ${label} (blockReason ${reason.slice(0, 40)}).`, { status: 400, param: 'messages' });
  }
}

export interface MappedParts {
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: Json[];
}

/** A candidate's parts: text (thought parts apart, as reasoning), and function calls with ids that carry their thought signatures. */
export function mapParts(candidate: Json | undefined, firstCallIndex = 0): MappedParts {
  const parts = Array.isArray((candidate?.content as Json | undefined)?.parts) ? ((candidate!.content as Json).parts as Json[]) : [];
  let text = '';
  let reasoning = '';
  const toolCalls: Json[] = [];
  for (const part of parts) {
    if (typeof part.text === 'string') {
      if (part.thought === true) reasoning += part.text;
      else text += part.text;
    } else if (typeof part.functionCall === 'object' && part.functionCall !== null) {
      const call = part.functionCall as Json;
      const index = firstCallIndex + toolCalls.length;
      const signature = typeof part.thoughtSignature === 'string' ? `${THOUGHT_SEPARATOR}${part.thoughtSignature}` : '';
      toolCalls.push({
        index,
        id: `call_${index}${signature}`,
        type: 'function',
        function: { name: String(call.name ?? ''), arguments: JSON.stringify(call.args ?? {}) },
      });
    }
  }
  return { text, reasoning, toolCalls };
}

/** A whole generateContent answer as a chat.completion. */
export function toChatCompletion(response: Json, model: string, id: string, label: string): Json {
  assertNotBlocked(response, label);
  const candidates = Array.isArray(response.candidates) ? (response.candidates as Json[]) : [];
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof response.modelVersion === 'string' ? response.modelVersion : model,
    choices: candidates.map((candidate, position) => {
      const { text, reasoning, toolCalls } = mapParts(candidate);
      const message: Json = { role: 'assistant', content: toolCalls.length > 0 && text === '' ? null : text, refusal: null };
      if (reasoning !== '') message.reasoning_content = reasoning;
      if (toolCalls.length > 0) message.tool_calls = toolCalls.map(({ index: _index, ...call }) => call);
      return { index: typeof candidate.index === 'number' ? candidate.index : position, message, logprobs: null, finish_reason: finishReason(candidate.finishReason, toolCalls.length > 0) ?? 'stop' };
    }),
    usage: toOpenAIUsage(response.usageMetadata) ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}
