import { createRedactor, GatewayError, urlSecrets, type Deployment, type Endpoint } from '@switchyard/core';
import { responseTooLarge, type UpstreamTarget } from '@switchyard/provider-openai';
import type { Dispatcher } from 'undici';
import { resolveAzureAuth, reveal, type AzureAuth } from './azure-auth.js';
import { DEFAULT_API_VERSION, DEFAULT_RESPONSES_API_VERSION, V1_API_VERSIONS } from './azure-provider-options.js';

/** 64 MB, as the OpenAI plugin. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1_000_000;

/** The environment values the plugin reads once, at provider creation (LiteLLM's names). */
export interface AzureEnvironment {
  readonly apiKey: string | undefined;
  readonly apiBase: string | undefined;
  readonly apiVersion: string | undefined;
  readonly authorityHost: string | undefined;
}

export interface AzureTarget extends UpstreamTarget {
  readonly auth: AzureAuth;
}

export interface ResolveAzureOptions {
  readonly environment: AzureEnvironment;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  readonly maxResponseBytes: number | undefined;
}

/**
 * A deployment's upstream, worked out once. `azure/<deployment>`:
 * - the v1 API when `api_version` is `v1`/`latest`/`preview` or `api_base` already ends in
 *   `/openai/v1`: `{api_base}/openai/v1/{chat/completions,responses,embeddings}` (the deployment
 *   name goes in the body's `model`; `preview` is sent as `?api-version=preview`);
 * - otherwise the classic data-plane paths with `?api-version=`:
 *   `/openai/deployments/{deployment}/chat/completions`, `/openai/deployments/{deployment}/embeddings`
 *   and `/openai/responses` (Responses is not under the deployment).
 * `azure_ai/<model>` (AI Foundry model inference): `{api_base}/chat/completions` and
 * `/embeddings` (`/models` added to a bare `*.services.ai.azure.com` base), with
 * `?api-version=` when one is configured.
 */
export function resolveAzureTarget(deployment: Deployment, options: ResolveAzureOptions): AzureTarget {
  const { environment } = options;
  const base = parseBase(deployment, environment);
  const apiVersion = reveal(deployment.extraParams.api_version) ?? environment.apiVersion;
  const paths = deployment.provider === 'azure_ai' ? foundryPaths(base, apiVersion) : openAIPaths(deployment, base, apiVersion);
  const label = `model "${deployment.modelName}" at ${base.origin}`;
  const auth = resolveAzureAuth(deployment, environment, {
    dispatcherFor: options.dispatcherFor,
    redactor: (secrets) => createRedactor({ secrets: [...secrets, ...urlSecrets(base.href)] }),
    label,
  });
  const maxResponseBytes = options.maxResponseBytes ?? deployment.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(auth.kind === 'static' ? auth.headers : {}) };
  return {
    auth,
    dispatcher: options.dispatcherFor(base.origin),
    origin: base.origin,
    paths,
    headers,
    redactor: createRedactor({ secrets: [...auth.secrets, ...urlSecrets(base.href)] }),
    label,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
    maxResponseBytes,
    sseOptions: { maxEventBytes: maxResponseBytes, tooLarge: () => responseTooLarge(label, 'a stream event', maxResponseBytes) },
  };
}

function openAIPaths(deployment: Deployment, base: URL, apiVersion: string | undefined): Record<Endpoint, string> {
  const root = base.pathname.replace(/\/+$/, '');
  if (root.endsWith('/openai/v1') || (apiVersion !== undefined && V1_API_VERSIONS.has(apiVersion))) {
    const prefix = root.endsWith('/openai/v1') ? root : `${stripOpenAI(root)}/openai/v1`;
    const query = apiVersion === 'preview' ? '?api-version=preview' : '';
    return {
      'chat.completions': `${prefix}/chat/completions${query}`,
      responses: `${prefix}/responses${query}`,
      embeddings: `${prefix}/embeddings${query}`,
    };
  }
  if (deployment.upstreamModel === '') {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.model "azure/" names no deployment: write azure/<deployment name>.`);
  }
  // Without an api_version (LiteLLM falls back to a default of its own too): the latest GA
  // data-plane version, and for Responses, which only preview versions have, its first one.
  const query = `?api-version=${encodeURIComponent(apiVersion ?? DEFAULT_API_VERSION)}`;
  const responsesQuery = `?api-version=${encodeURIComponent(apiVersion ?? DEFAULT_RESPONSES_API_VERSION)}`;
  const deploymentPath = `${stripOpenAI(root)}/openai/deployments/${encodeURIComponent(deployment.upstreamModel)}`;
  return {
    'chat.completions': `${deploymentPath}/chat/completions${query}`,
    responses: `${stripOpenAI(root)}/openai/responses${responsesQuery}`,
    embeddings: `${deploymentPath}/embeddings${query}`,
  };
}

function foundryPaths(base: URL, apiVersion: string | undefined): Record<Endpoint, string> {
  let root = base.pathname.replace(/\/+$/, '');
  if (root === '' && base.hostname.endsWith('.services.ai.azure.com')) root = '/models';
  const query = apiVersion === undefined ? '' : `?api-version=${encodeURIComponent(apiVersion)}`;
  return {
    'chat.completions': `${root}/chat/completions${query}`,
    responses: `${root}/responses${query}`,
    embeddings: `${root}/embeddings${query}`,
  };
}

/** `https://res.openai.azure.com/openai` is written both ways in LiteLLM configs. */
function stripOpenAI(path: string): string {
  return path.endsWith('/openai') ? path.slice(0, -'/openai'.length) : path;
}

function parseBase(deployment: Deployment, environment: AzureEnvironment): URL {
  const value = deployment.apiBase ?? environment.apiBase;
  if (value === undefined) {
    throw new GatewayError(
      'invalid_config',
      `Invalid config: ${deployment.configPath}.litellm_params.api_base is required for "${deployment.provider}/" deployments (such as https://my-resource.openai.azure.com); or set AZURE_API_BASE before the gateway starts.`,
    );
  }
  const url = URL.canParse(value) ? new URL(value) : undefined;
  // The value itself is not echoed: a base URL can carry credentials in its query.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.api_base must be an http:// or https:// URL.`);
  }
  return url;
}
