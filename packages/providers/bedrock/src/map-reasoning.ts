import { GatewayError } from '@switchyard/core';
import { isObject, type JsonObject } from './json.js';
import type { ModelFamily } from './model-family.js';

/** `reasoning_effort` → Claude's `budget_tokens` (as @switchyard/provider-anthropic); Anthropic's minimum is 1024. */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 2048, medium: 8192, high: 16384 };
/** Output room left beside the thinking budget when the client set no max_tokens (LiteLLM's default). */
const DEFAULT_OUTPUT_ROOM = 4096;
const NOVA_EFFORTS: ReadonlySet<string> = new Set(['low', 'medium', 'high']);

export interface ReasoningFields {
  /** Merged into `additionalModelRequestFields`. */
  readonly additional: JsonObject;
  /** The `maxTokens` to send (a thinking budget needs one above it). */
  readonly maxTokens: number | undefined;
}

/**
 * Reasoning for a Converse call, through `additionalModelRequestFields` (Converse has no field of its own):
 * - Claude: LiteLLM's `thinking` param as given, or `reasoning_effort` → `thinking: {type: enabled, budget_tokens}`,
 *   the budget kept below `maxTokens` (and `maxTokens` set to budget + 4096 when the client gave none);
 * - Nova 2: `reasoning_effort` → `reasoningConfig: {type: enabled, maxReasoningEffort}`;
 * - other models (gpt-oss, …): `reasoning_effort` passed through under its own name.
 * `none` (or no effort) asks for no reasoning.
 */
export function mapReasoning(body: JsonObject, family: ModelFamily, maxTokens: number | undefined): ReasoningFields {
  const effort = body.reasoning_effort;
  if (family === 'claude' && isObject(body.thinking)) return withBudget(body.thinking, maxTokens);
  if (effort === undefined || effort === null || effort === 'none') return { additional: {}, maxTokens };
  if (typeof effort !== 'string') throw new GatewayError('invalid_type', 'reasoning_effort must be a string.', { param: 'reasoning_effort' });
  if (family === 'claude') {
    const budget = THINKING_BUDGETS[effort];
    if (budget === undefined) throw unsupported(effort, Object.keys(THINKING_BUDGETS));
    return withBudget({ type: 'enabled', budget_tokens: budget }, maxTokens);
  }
  if (family === 'nova') {
    if (!NOVA_EFFORTS.has(effort)) throw unsupported(effort, [...NOVA_EFFORTS]);
    return { additional: { reasoningConfig: { type: 'enabled', maxReasoningEffort: effort } }, maxTokens };
  }
  return { additional: { reasoning_effort: effort }, maxTokens };
}

function withBudget(thinking: JsonObject, maxTokens: number | undefined): ReasoningFields {
  const wanted = thinking.budget_tokens;
  if (thinking.type !== 'enabled' || typeof wanted !== 'number') return { additional: { thinking }, maxTokens };
  if (maxTokens === undefined) return { additional: { thinking }, maxTokens: wanted + DEFAULT_OUTPUT_ROOM };
  const budget = Math.min(wanted, maxTokens - 1);
  if (budget < 1024) {
    throw new GatewayError('invalid_value', `Thinking needs max_tokens above 1024 on Claude (its minimum thinking budget); got ${maxTokens}.`, { param: 'max_tokens' });
  }
  return { additional: { thinking: { ...thinking, budget_tokens: budget } }, maxTokens };
}

function unsupported(effort: string, accepted: readonly string[]): GatewayError {
  return new GatewayError('unsupported_value', `reasoning_effort "${effort}" is not supported by this model; use one of: none, ${accepted.join(', ')}.`, { param: 'reasoning_effort' });
}
