import { createRedactor, GatewayError, urlSecrets, type Deployment, type Endpoint, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { OPENAI_API_KEY_VARIABLE } from './openai-provider-options.js';

/**
 * Everything about a deployment's upstream that does not change between requests: worked out
 * once per deployment, so the request path only picks fields.
 */
export interface UpstreamTarget {
  readonly dispatcher: Dispatcher;
  readonly origin: string;
  readonly paths: Readonly<Record<Endpoint, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Knows what this target sends (the key, or OPENAI_API_KEY; api_base credentials), built once per deployment. */
  readonly redactor: Redactor;
  /** Safe to show: `model "gpt-5.5" at https://api.openai.com`. */
  readonly label: string;
  readonly timeoutMs: number;
  readonly streamHeadersTimeoutMs: number;
}

export interface ResolveTargetOptions {
  readonly defaultBaseUrl: string;
  /** The fallback key for `openai/…` deployments (OPENAI_API_KEY). */
  readonly fallbackApiKey: string | undefined;
  readonly dispatcherFor: (origin: string) => Dispatcher;
}

const ENDPOINT_PATHS: Readonly<Record<Endpoint, string>> = {
  'chat.completions': '/chat/completions',
  responses: '/responses',
  embeddings: '/embeddings',
};

/** OpenAI itself needs a key; any other server (vLLM, LM Studio, a local fake) may not. */
const KEY_REQUIRED_HOST = 'api.openai.com';

export function resolveUpstreamTarget(deployment: Deployment, options: ResolveTargetOptions): UpstreamTarget {
  const baseUrl = parseBaseUrl(deployment, options.defaultBaseUrl);
  const apiKey = deployment.apiKey?.reveal() || (deployment.provider === 'openai' ? options.fallbackApiKey : undefined);
  if (!apiKey && baseUrl.hostname === KEY_REQUIRED_HOST) {
    throw new GatewayError(
      'missing_upstream_api_key',
      `Deployment "${deployment.modelName}" (${deployment.configPath}) has no API key for ${baseUrl.origin}: set litellm_params.api_key, or the ${OPENAI_API_KEY_VARIABLE} environment variable before the gateway starts.`,
    );
  }
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const pathFor = (endpoint: Endpoint) => `${prefix}${ENDPOINT_PATHS[endpoint]}${baseUrl.search}`;
  return {
    dispatcher: options.dispatcherFor(baseUrl.origin),
    origin: baseUrl.origin,
    paths: { 'chat.completions': pathFor('chat.completions'), responses: pathFor('responses'), embeddings: pathFor('embeddings') },
    headers: buildHeaders(deployment, apiKey || undefined),
    redactor: createRedactor({ secrets: [apiKey || undefined, ...urlSecrets(baseUrl.href)] }),
    label: `model "${deployment.modelName}" at ${baseUrl.origin}`,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
  };
}

function parseBaseUrl(deployment: Deployment, defaultBaseUrl: string): URL {
  if (deployment.apiBase === undefined && deployment.provider !== 'openai') {
    throw new GatewayError(
      'invalid_config',
      `Invalid config: ${deployment.configPath}.litellm_params.api_base is required for "${deployment.provider}/" models (the address of the OpenAI-compatible server, such as http://127.0.0.1:8000/v1).`,
    );
  }
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

function buildHeaders(deployment: Deployment, apiKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  const organization = deployment.extraParams.organization;
  if (typeof organization === 'string' && organization !== '') headers['openai-organization'] = organization;
  return headers;
}
