import type { ProviderPlugin } from '@switchyard/core';
import { openai } from './openai-provider.js';

/**
 * The providers a host gave, with the OpenAI provider added unless one named `openai` is
 * already there. The Express and Koa adapters use it so `openai/…` deployments work out of the box.
 */
export function withOpenAI(providers: readonly ProviderPlugin[] = []): readonly ProviderPlugin[] {
  return providers.some((plugin) => plugin.name === 'openai') ? providers : [openai(), ...providers];
}
