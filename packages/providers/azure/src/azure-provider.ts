import { GatewayError, type ProviderPlugin } from '@switchyard/core';
import capabilities from './azure-capabilities.json' with { type: 'json' };
import type { AzureProviderOptions } from './azure-provider-options.js';
import { createAzureProvider } from './create-azure-provider.js';

/**
 * The Azure plugin: `gateway({ providers: [azure()] })`. Serves `azure/<deployment>` (Azure
 * OpenAI, classic dated API or v1) and `azure_ai/<model>` (AI Foundry model inference), with
 * `api-key`, `azure_ad_token` or Entra ID client-credentials auth, and ships capability data
 * for the Azure models under LiteLLM's names (`azure/gpt-4o`), which `model_info.base_model` picks.
 */
export function azure(options: AzureProviderOptions = {}): ProviderPlugin {
  assertValidOptions(options);
  return {
    name: 'azure',
    aliases: ['azure_ai'],
    capabilities,
    create: () => createAzureProvider(options),
  };
}

/** Bad options fail when the plugin is built, not on the first request. */
function assertValidOptions(options: AzureProviderOptions): void {
  for (const name of ['connectionsPerOrigin', 'keepAliveTimeoutMs', 'connectTimeoutMs', 'maxResponseBytes'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new GatewayError('invalid_config', `azure(): ${name} must be a positive integer.`);
    }
  }
}
