import { GatewayError, type ProviderPlugin } from '@switchyard/core';
import { DEFAULT_BASE_URL, type AnthropicProviderOptions } from './anthropic-provider-options.js';
import capabilities from './claude-capabilities.json' with { type: 'json' };
import { createAnthropicProvider } from './create-anthropic-provider.js';

/**
 * The Anthropic provider plugin: `gateway({ providers: [anthropic()] })`. Serves
 * `anthropic/<model>` (LiteLLM's prefix) by translating Chat Completions to the Messages API
 * and back, over one keep-alive undici pool per upstream origin; ships the Claude models'
 * capability data.
 */
export function anthropic(options: AnthropicProviderOptions = {}): ProviderPlugin {
  assertValidOptions(options);
  return {
    name: 'anthropic',
    capabilities,
    create: () => createAnthropicProvider(options),
  };
}

/** Bad options fail when the plugin is built, not on the first request. */
function assertValidOptions(options: AnthropicProviderOptions): void {
  const baseUrl = options.defaultBaseUrl ?? DEFAULT_BASE_URL;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new GatewayError('invalid_config', 'anthropic(): defaultBaseUrl must be an http:// or https:// URL.');
  }
  if (options.anthropicVersion !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.anthropicVersion)) {
    throw new GatewayError('invalid_config', 'anthropic(): anthropicVersion must be a date such as 2023-06-01.');
  }
  for (const name of ['connectionsPerOrigin', 'keepAliveTimeoutMs', 'connectTimeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new GatewayError('invalid_config', `anthropic(): ${name} must be a positive integer.`);
    }
  }
}
