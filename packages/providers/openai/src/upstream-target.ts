import {
  createRedactor,
  GatewayError,
  urlSecrets,
  type Deployment,
  type Endpoint,
  type OpenAICompatibleProvider,
  type ParseSseOptions,
  type Redactor,
} from '@switchyard/core';
import type { Dispatcher } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES, OPENAI_API_KEY_VARIABLE } from './openai-provider-options.js';
import type { ProviderDefaults } from './provider-defaults.js';

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
  /** The response size cap: a JSON body, or one stream event. */
  readonly maxResponseBytes: number;
  /** What the SSE parser is given: the cap per event and its error, built once. */
  readonly sseOptions: ParseSseOptions;
}

export interface ResolveTargetOptions {
  readonly defaultBaseUrl: string;
  /** The fallback key for `openai/…` deployments (OPENAI_API_KEY). */
  readonly fallbackApiKey: string | undefined;
  /** Table rows and the environment values they name, by prefix (read once, at provider creation). */
  readonly defaults: ReadonlyMap<string, ProviderDefaults>;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  /** The provider's `maxResponseBytes` option; wins over the deployment's config value. */
  readonly maxResponseBytes: number | undefined;
}

const ENDPOINT_PATHS: Readonly<Record<Endpoint, string>> = {
  'chat.completions': '/chat/completions',
  responses: '/responses',
  embeddings: '/embeddings',
};

/** OpenAI itself needs a key; any other server (vLLM, LM Studio, a local fake) may not. */
const KEY_REQUIRED_HOST = 'api.openai.com';

export function resolveUpstreamTarget(deployment: Deployment, options: ResolveTargetOptions): UpstreamTarget {
  const defaults = options.defaults.get(deployment.provider);
  const row = defaults?.row;
  const baseUrl = parseBaseUrl(deployment, options.defaultBaseUrl, defaults);
  const apiKey = deployment.apiKey?.reveal() || (deployment.provider === 'openai' ? options.fallbackApiKey : defaults?.apiKey) || undefined;
  if (apiKey === undefined && (baseUrl.hostname === KEY_REQUIRED_HOST || (row?.api_key_required === true && deployment.apiBase === undefined))) {
    const variables = deployment.provider === 'openai' ? [OPENAI_API_KEY_VARIABLE] : (row?.api_key_env ?? []);
    throw new GatewayError(
      'missing_upstream_api_key',
      `Deployment "${deployment.modelName}" (${deployment.configPath}) has no API key for ${baseUrl.origin}: set litellm_params.api_key${variables.length > 0 ? `, or the ${variables.join(' or ')} environment variable before the gateway starts` : ''}.`,
    );
  }
  const prefix = withOpenAIPath(baseUrl.pathname.replace(/\/+$/, ''), row);
  const maxResponseBytes = options.maxResponseBytes ?? deployment.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const label = `model "${deployment.modelName}" at ${baseUrl.origin}`;
  const pathFor = (endpoint: Endpoint) => `${prefix}${ENDPOINT_PATHS[endpoint]}${baseUrl.search}`;
  return {
    dispatcher: options.dispatcherFor(baseUrl.origin),
    origin: baseUrl.origin,
    paths: { 'chat.completions': pathFor('chat.completions'), responses: pathFor('responses'), embeddings: pathFor('embeddings') },
    headers: buildHeaders(deployment, apiKey, row),
    redactor: createRedactor({ secrets: [apiKey, ...urlSecrets(baseUrl.href)] }),
    label,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
    maxResponseBytes,
    sseOptions: { maxEventBytes: maxResponseBytes, tooLarge: () => responseTooLarge(label, 'a stream event', maxResponseBytes) },
  };
}

/** The deployment's api_base, else the row's environment variable, else the row's default. */
function parseBaseUrl(deployment: Deployment, defaultBaseUrl: string, defaults: ProviderDefaults | undefined): URL {
  const base = deployment.apiBase ?? defaults?.apiBase ?? (deployment.provider === 'openai' ? defaultBaseUrl : undefined);
  if (base === undefined) {
    const variables = defaults?.row.api_base_env ?? [];
    throw new GatewayError(
      'invalid_config',
      `Invalid config: ${deployment.configPath}.litellm_params.api_base is required for "${deployment.provider}/" models (the address of the OpenAI-compatible server, such as http://127.0.0.1:8000/v1)${variables.length > 0 ? `; or set ${variables.join(' or ')}` : ''}.`,
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  // The value itself is not echoed: a base URL can carry credentials in its query.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.api_base must be an http:// or https:// URL.`);
  }
  return url;
}

/** `http://localhost:11434` → `/v1` for Ollama, as LiteLLM users write it; `…/v1` stays as it is. */
function withOpenAIPath(path: string, row: OpenAICompatibleProvider | undefined): string {
  const openaiPath = row?.openai_path;
  if (openaiPath === undefined || path.endsWith(openaiPath)) return path;
  return `${path}${openaiPath}`;
}

function buildHeaders(deployment: Deployment, apiKey: string | undefined, row: OpenAICompatibleProvider | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...row?.headers };
  if (apiKey !== undefined) {
    const auth = row?.auth ?? { header: 'authorization', scheme: 'Bearer' };
    headers[auth.header.toLowerCase()] = auth.scheme === undefined ? apiKey : `${auth.scheme} ${apiKey}`;
  }
  const organization = deployment.extraParams.organization;
  if (typeof organization === 'string' && organization !== '') headers['openai-organization'] = organization;
  return headers;
}

/** Over the response size cap: the message names the limit and where it is set. */
export function responseTooLarge(label: string, what: string, limitBytes: number): GatewayError {
  const megabytes = Math.round((limitBytes / 1_000_000) * 1000) / 1000;
  return new GatewayError(
    'upstream_response_too_large',
    `The upstream for ${label} sent ${what} larger than the response size limit of ${megabytes} MB (general_settings.max_response_size_mb); the upstream request was aborted.`,
  );
}
