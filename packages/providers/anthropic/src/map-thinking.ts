import { GatewayError } from '@switchyard/core';
import type { ModelFacts } from './model-facts.js';
import type { JsonObject } from './json.js';

/**
 * `reasoning_effort` → `budget_tokens` for the models that take one (Opus 4.5 and older,
 * Sonnet 4.5, Haiku 4.5). Anthropic's minimum budget is 1024.
 */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 2048, medium: 8192, high: 16384 };

/** The adaptive models take an effort level instead; `minimal` has no counterpart and becomes `low`. */
const ADAPTIVE_EFFORTS: Readonly<Record<string, string>> = { minimal: 'low', low: 'low', medium: 'medium', high: 'high', xhigh: 'xhigh', max: 'max' };

export interface ThinkingFields {
  readonly thinking?: JsonObject;
  readonly output_config?: JsonObject;
}

/**
 * The thinking part of a Messages request (docs/providers-anthropic.md, "Thinking"): none or
 * absent → no thinking; otherwise adaptive thinking with `output_config.effort`, or enabled
 * thinking with a budget below `max_tokens`.
 */
export function mapThinking(effort: unknown, maxTokens: number, facts: ModelFacts): ThinkingFields {
  if (effort === undefined || effort === null || effort === 'none') return {};
  if (typeof effort !== 'string') throw new GatewayError('invalid_type', 'reasoning_effort must be a string.', { param: 'reasoning_effort' });
  if (facts.thinking === 'none') {
    throw new GatewayError('unsupported_parameter', 'This model has no extended thinking: leave reasoning_effort out.', { param: 'reasoning_effort' });
  }
  if (facts.thinking === 'adaptive') {
    const level = ADAPTIVE_EFFORTS[effort];
    if (level === undefined) throw unsupported(effort, Object.keys(ADAPTIVE_EFFORTS));
    return { thinking: { type: 'adaptive' }, output_config: { effort: level } };
  }
  const wanted = THINKING_BUDGETS[effort];
  if (wanted === undefined) throw unsupported(effort, Object.keys(THINKING_BUDGETS));
  // budget_tokens must be below max_tokens; a small max_tokens shrinks the budget, down to 1024.
  const budget = Math.min(wanted, maxTokens - 1);
  if (budget < 1024) {
    throw new GatewayError('invalid_value', `reasoning_effort needs max_tokens above 1024 on this model (Anthropic's minimum thinking budget); got ${maxTokens}.`, {
      param: 'max_tokens',
    });
  }
  return { thinking: { type: 'enabled', budget_tokens: budget } };
}

function unsupported(effort: string, accepted: string[]): GatewayError {
  return new GatewayError('unsupported_value', `reasoning_effort "${effort}" is not supported by this model; use one of: none, ${accepted.join(', ')}.`, {
    param: 'reasoning_effort',
  });
}
