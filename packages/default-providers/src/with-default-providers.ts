import type { ProviderPlugin } from '@switchyard/core';
import { withAnthropic } from '@switchyard/provider-anthropic';
import { withAzure } from '@switchyard/provider-azure';
import { withBedrock } from '@switchyard/provider-bedrock';
import { withOpenAI } from '@switchyard/provider-openai';

/**
 * The providers a host gave, plus each default provider (OpenAI, Anthropic, Azure OpenAI, AWS Bedrock) the host
 * did not register under the same name: `openai/…`, `anthropic/…`, `azure/…` and `bedrock/…` deployments work
 * out of the box, and a host's own plugin of one of those names (with its options) is used instead of ours.
 * The one place the Express and Koa adapters take their defaults from.
 */
export function withDefaultProviders(providers: readonly ProviderPlugin[] = []): readonly ProviderPlugin[] {
  return withBedrock(withAzure(withAnthropic(withOpenAI(providers))));
}
