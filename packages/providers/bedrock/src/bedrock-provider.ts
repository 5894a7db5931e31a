import { GatewayError, type ProviderPlugin } from '@switchyard/core';
import capabilities from './bedrock-capabilities.json' with { type: 'json' };
import { REGION_PATTERN, type BedrockProviderOptions } from './bedrock-provider-options.js';
import { createBedrockProvider } from './create-bedrock-provider.js';

/**
 * The AWS Bedrock plugin: `gateway({ providers: [bedrock()] })`. Serves `bedrock/<model>`
 * (model ids, inference profiles, ARNs; LiteLLM's `converse/` and region prefixes) through the
 * Converse and ConverseStream APIs, Titan and Cohere embeddings through InvokeModel, signed
 * with SigV4 or sent with a Bedrock API key; ships capability data for the Bedrock models.
 */
export function bedrock(options: BedrockProviderOptions = {}): ProviderPlugin {
  assertValidOptions(options);
  return {
    name: 'bedrock',
    capabilities,
    create: () => createBedrockProvider(options),
  };
}

/** Bad options fail when the plugin is built, not on the first request. */
function assertValidOptions(options: BedrockProviderOptions): void {
  for (const name of ['connectionsPerOrigin', 'keepAliveTimeoutMs', 'connectTimeoutMs', 'maxResponseBytes'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new GatewayError('invalid_config', `bedrock(): ${name} must be a positive integer.`);
    }
  }
  if (options.defaultRegion !== undefined && !REGION_PATTERN.test(options.defaultRegion)) {
    throw new GatewayError('invalid_config', 'bedrock(): defaultRegion must be an AWS region name such as us-east-1.');
  }
}
