import { GatewayError, type Deployment, createRedactor, urlSecrets, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { ANTHROPIC_API_KEY_VARIABLE } from './anthropic-provider-options.js';
import { modelFacts, type ModelFacts } from './model-facts.js';

/**
 * Everything about a deployment's upstream that does not change between requests: worked out
 * once per deployment, so the request path only picks fields.
 */
export interface AnthropicTarget {
  readonly dispatcher: Dispatcher;
  readonly origin: string;
  /** `/v1/messages` under the base URL's path. */
  readonly messagesPath: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Kept to redact it from upstream error messages. */
  /** Knows the key (and api_base credentials) this target sends; built once per deployment. */
  readonly redactor: Redactor;
  /** Safe to show: `model "claude" at https://api.anthropic.com`. */
  readonly label: string;
  readonly timeoutMs: number;
  readonly streamHeadersTimeoutMs: number;
  /** The default `max_tokens` and thinking mode of the upstream model. */
  readonly facts: ModelFacts;
}

export interface ResolveTargetOptions {
  readonly defaultBaseUrl: string;
  readonly fallbackApiKey: string | undefined;
  readonly anthropicVersion: string;
  readonly dispatcherFor: (origin: string) => Dispatcher;
}

export function resolveAnthropicTarget(deployment: Deployment, options: ResolveTargetOptions): AnthropicTarget {
  const baseUrl = parseBaseUrl(deployment, options.defaultBaseUrl);
  const apiKey = deployment.apiKey?.reveal() || options.fallbackApiKey;
  if (!apiKey) {
    throw new GatewayError(
      'missing_upstream_api_key',
      `Deployment "${deployment.modelName}" (${deployment.configPath}) has no Anthropic API key: set litellm_params.api_key, or the ${ANTHROPIC_API_KEY_VARIABLE} environment variable before the gateway starts.`,
    );
  }
  // LiteLLM accepts api_base with or without the /v1 suffix; so does this.
  const prefix = baseUrl.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-api-key': apiKey,
    'anthropic-version': options.anthropicVersion,
  };
  const beta = deployment.extraParams.anthropic_beta;
  if (typeof beta === 'string' && beta !== '') headers['anthropic-beta'] = beta;
  return {
    dispatcher: options.dispatcherFor(baseUrl.origin),
    origin: baseUrl.origin,
    messagesPath: `${prefix}/v1/messages${baseUrl.search}`,
    headers,
    redactor: createRedactor({ secrets: [apiKey, ...urlSecrets(baseUrl.href)] }),
    label: `model "${deployment.modelName}" at ${baseUrl.origin}`,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
    facts: modelFacts(deployment),
  };
}

function parseBaseUrl(deployment: Deployment, defaultBaseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(deployment.apiBase ?? defaultBaseUrl);
  } catch {
    url = undefined;
  }
  // The value itself is not echoed: a base URL can carry credentials in its query.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.api_base must be an http:// or https:// URL.`);
  }
  return url;
}
