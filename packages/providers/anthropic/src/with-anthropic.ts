import type { ProviderPlugin } from '@switchyard/core';
import { anthropic } from './anthropic-provider.js';

/** The providers a host gave, with the Anthropic provider added unless one named `anthropic` is there. */
export function withAnthropic(providers: readonly ProviderPlugin[] = []): readonly ProviderPlugin[] {
  return providers.some((plugin) => plugin.name === 'anthropic') ? providers : [...providers, anthropic()];
}
