import { GatewayError, type ProviderPlugin } from '@switchyard/core';
import { createOpenAIProvider } from './create-openai-provider.js';
import { DEFAULT_BASE_URL, type OpenAIProviderOptions } from './openai-provider-options.js';
import { openAICompatiblePrefixes } from './provider-defaults.js';


/**
 * The OpenAI provider plugin: `gateway({ providers: [openai()] })`. Serves `openai/<model>` and
 * every LiteLLM prefix whose upstream speaks the OpenAI API (groq, ollama, hosted_vllm, …) from
 * data: schemas/providers/openai-compatible.json gives each its default api_base, key variable,
 * endpoints and header quirks, so a new one is a row, not code. Those never receive OPENAI_API_KEY.
 */
export function openai(options: OpenAIProviderOptions = {}): ProviderPlugin {
  assertValidOptions(options);
  return {
    name: 'openai',
    aliases: openAICompatiblePrefixes(),
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
