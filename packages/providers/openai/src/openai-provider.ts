import { GatewayError, type ProviderPlugin } from '@switchyard/core';
import { createOpenAIProvider } from './create-openai-provider.js';
import { DEFAULT_BASE_URL, type OpenAIProviderOptions } from './openai-provider-options.js';

/**
 * LiteLLM prefixes whose servers speak the OpenAI API; they need `api_base` and never receive
 * OPENAI_API_KEY. https://docs.litellm.ai/docs/providers/openai_compatible
 */
const OPENAI_COMPATIBLE_ALIASES = ['openai_like', 'hosted_vllm', 'lm_studio', 'custom_openai'] as const;

/**
 * The OpenAI provider plugin: `gateway({ providers: [openai()] })`. Serves `openai/<model>` and
 * the OpenAI-compatible prefixes over undici, with one keep-alive pool per upstream origin.
 */
export function openai(options: OpenAIProviderOptions = {}): ProviderPlugin {
  assertValidOptions(options);
  return {
    name: 'openai',
    aliases: OPENAI_COMPATIBLE_ALIASES,
    create: () => createOpenAIProvider(options),
  };
}

/** Bad options fail when the plugin is built, not on the first request. */
function assertValidOptions(options: OpenAIProviderOptions): void {
  const baseUrl = options.defaultBaseUrl ?? DEFAULT_BASE_URL;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new GatewayError('invalid_config', 'openai(): defaultBaseUrl must be an http:// or https:// URL.');
  }
  for (const name of ['connectionsPerOrigin', 'keepAliveTimeoutMs', 'connectTimeoutMs', 'maxResponseBytes'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new GatewayError('invalid_config', `openai(): ${name} must be a positive integer.`);
    }
  }
}
