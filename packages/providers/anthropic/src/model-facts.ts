import type { Deployment } from '@switchyard/core';
import capabilities from './claude-capabilities.json' with { type: 'json' };

/** How `reasoning_effort` becomes Anthropic's `thinking` for a model (docs/providers-anthropic.md). */
export type ThinkingMode = 'adaptive' | 'budget' | 'none';

export interface ModelFacts {
  /** Sent as `max_tokens` when the client sets none: Anthropic requires it. */
  readonly defaultMaxTokens: number;
  readonly thinking: ThinkingMode;
  /** Whether `response_format: json_schema` can go out as `output_config.format`. */
  readonly structuredOutput: boolean;
}

/** A model the shipped data does not know: a conservative default, thinking by budget. */
const UNKNOWN_MODEL: ModelFacts = { defaultMaxTokens: 4096, thinking: 'budget', structuredOutput: false };

interface Entry {
  readonly aliases?: readonly string[];
  readonly limits?: { readonly max_output_tokens?: number };
  readonly features?: { readonly reasoning?: boolean; readonly structured_output?: boolean };
  readonly params?: { readonly reasoning_effort?: { readonly enum?: readonly string[] } };
}

/**
 * Read once from the capability file the plugin ships: models whose reasoning_effort accepts
 * `xhigh` or `max` are the adaptive-thinking generation (Opus 4.6+, Sonnet 4.6); the rest
 * take a `budget_tokens`.
 */
const FACTS = new Map<string, ModelFacts>();
for (const [name, raw] of Object.entries(capabilities.models as Record<string, Entry>)) {
  const efforts = raw.params?.reasoning_effort?.enum ?? [];
  const facts: ModelFacts = {
    defaultMaxTokens: raw.limits?.max_output_tokens ?? UNKNOWN_MODEL.defaultMaxTokens,
    thinking: raw.features?.reasoning !== true ? 'none' : efforts.includes('max') || efforts.includes('xhigh') ? 'adaptive' : 'budget',
    structuredOutput: raw.features?.structured_output === true,
  };
  FACTS.set(name, facts);
  for (const alias of raw.aliases ?? []) FACTS.set(alias, facts);
}

/** The facts for a deployment's upstream model; `model_info.max_output_tokens` overrides the default max_tokens. */
export function modelFacts(deployment: Deployment): ModelFacts {
  const facts = FACTS.get(deployment.upstreamModel) ?? UNKNOWN_MODEL;
  const override = deployment.modelInfo?.max_output_tokens ?? deployment.modelInfo?.max_tokens;
  return typeof override === 'number' && Number.isInteger(override) && override > 0 ? { ...facts, defaultMaxTokens: override } : facts;
}
