import { GatewayError, type ProviderPlugin } from '@switchyard/core';
import capabilities from './gemini-capabilities.json' with { type: 'json' };
import type { GeminiProviderOptions } from './gemini-provider-options.js';
import { createGeminiProvider } from './create-gemini-provider.js';

/**
 * The Gemini plugin: `gateway({ providers: [gemini()] })`. Serves `gemini/<model>` (AI Studio)
 * and `vertex_ai/<model>` (Vertex AI, service-account auth)
 * through Gemini's native generateContent API (OpenAI Chat in, OpenAI Chat out; Responses
 * bridged by core) and ships capability data for the current Gemini models.
 */
export function gemini(options: GeminiProviderOptions = {}): ProviderPlugin {
  for (const name of ['connectionsPerOrigin', 'keepAliveTimeoutMs', 'connectTimeoutMs', 'maxResponseBytes'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new GatewayError('invalid_config', `gemini(): ${name} must be a positive integer.`);
  }
  return { name: 'gemini', aliases: ['vertex_ai'], capabilities, create: () => createGeminiProvider(options) };
}
