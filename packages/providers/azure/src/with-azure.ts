import type { ProviderPlugin } from '@switchyard/core';
import { azure } from './azure-provider.js';

/**
 * The providers a host gave, with the Azure plugin added unless one named `azure` is already
 * there. The Express and Koa adapters use it so `azure/…` and `azure_ai/…` deployments work out of the box.
 */
export function withAzure(providers: readonly ProviderPlugin[] = []): readonly ProviderPlugin[] {
  return providers.some((plugin) => plugin.name === 'azure') ? providers : [...providers, azure()];
}
