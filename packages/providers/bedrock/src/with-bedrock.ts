import type { ProviderPlugin } from '@switchyard/core';
import { bedrock } from './bedrock-provider.js';

/** The providers a host gave, with the Bedrock provider added unless one named `bedrock` is there. */
export function withBedrock(providers: readonly ProviderPlugin[] = []): readonly ProviderPlugin[] {
  return providers.some((plugin) => plugin.name === 'bedrock') ? providers : [...providers, bedrock()];
}
