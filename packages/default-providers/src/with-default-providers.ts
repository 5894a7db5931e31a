import type { ProviderPlugin } from '@switchyard/core';
import { withAnthropic } from '@switchyard/provider-anthropic';
import { withOpenAI } from '@switchyard/provider-openai';

/**
 * The providers a host gave, plus each default provider (OpenAI, Anthropic) the host did not
 * register under the same name: `openai/…` and `anthropic/…` deployments work out of the box,
 * and a host's own `openai` or `anthropic` plugin (with its options) is used instead of ours.
 * The one place the Express and Koa adapters take their defaults from.
 */
export function withDefaultProviders(providers: readonly ProviderPlugin[] = []): readonly ProviderPlugin[] {
  return withAnthropic(withOpenAI(providers));
}
