import { createRedactor, GatewayError, urlSecrets, type Deployment } from '@switchyard/core';
import { responseTooLarge, type UpstreamTarget } from '@switchyard/provider-openai';
import type { Dispatcher } from 'undici';
import { GoogleTokenSource } from './google-token-source.js';
import { readServiceAccount } from './vertex-credentials.js';

export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1_000_000;

/** A deployment's Gemini upstream, worked out once. */
export interface GeminiTarget extends UpstreamTarget {
  readonly generatePath: string;
  readonly streamPath: string;
  /** Vertex AI: OAuth tokens for the service account, sent as bearer (the static headers carry no auth). */
  readonly tokens?: GoogleTokenSource;
}

export interface ResolveGeminiOptions {
  readonly apiKey: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  readonly maxResponseBytes: number | undefined;
}

/**
 * `{api_base}/v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`
 * (an api_base that already ends in `/v1beta` or `/v1` keeps it), the key in `x-goog-api-key`
 * (never in the query, where it would land in access logs).
 */
export function resolveGeminiTarget(deployment: Deployment, options: ResolveGeminiOptions): GeminiTarget {
  if (deployment.provider === 'vertex_ai') return resolveVertexTarget(deployment, options);
  const apiKey = deployment.apiKey?.reveal() || options.apiKey;
  if (!apiKey) {
    throw new GatewayError(
      'missing_upstream_api_key',
      `Deployment "${deployment.modelName}" (${deployment.configPath}) has no Gemini API key: set litellm_params.api_key, or GEMINI_API_KEY before the gateway starts.`,
    );
  }
  const value = deployment.apiBase ?? DEFAULT_BASE_URL;
  const base = URL.canParse(value) ? new URL(value) : undefined;
  if (base === undefined || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.api_base must be an http:// or https:// URL.`);
  }
  let root = base.pathname.replace(/\/+$/, '');
  if (!/\/v1(beta)?$/.test(root)) root = `${root}/v1beta`;
  const model = `${root}/models/${encodeURIComponent(deployment.upstreamModel)}`;
  const label = `model "${deployment.modelName}" at ${base.origin}`;
  const maxResponseBytes = options.maxResponseBytes ?? deployment.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const generatePath = `${model}:generateContent`;
  return {
    dispatcher: options.dispatcherFor(base.origin),
    origin: base.origin,
    paths: { 'chat.completions': generatePath, responses: generatePath, embeddings: `${model}:batchEmbedContents` },
    generatePath,
    streamPath: `${model}:streamGenerateContent?alt=sse`,
    headers: { 'content-type': 'application/json', 'x-goog-api-key': apiKey },
    redactor: createRedactor({ secrets: [apiKey, ...urlSecrets(base.href)] }),
    label,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
    maxResponseBytes,
    sseOptions: { maxEventBytes: maxResponseBytes, tooLarge: () => responseTooLarge(label, 'a stream event', maxResponseBytes) },
  };
}

/**
 * Vertex AI: `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`
 * (`aiplatform.googleapis.com` for the `global` location; `api_base` replaces the origin), the
 * project from `vertex_project` (else VERTEXAI_PROJECT, else the key's project_id), the location
 * from `vertex_location` (else VERTEXAI_LOCATION, else us-central1), and a bearer token for the
 * service account in `vertex_credentials`.
 */
function resolveVertexTarget(deployment: Deployment, options: ResolveGeminiOptions): GeminiTarget {
  const params = deployment.extraParams;
  const account = readServiceAccount(deployment, options.env);
  const project = text(params.vertex_project) ?? text(options.env.VERTEXAI_PROJECT) ?? account.project_id;
  if (project === undefined) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.vertex_project is required for "vertex_ai/" deployments (or VERTEXAI_PROJECT, or a key with project_id).`);
  }
  const location = text(params.vertex_location) ?? text(options.env.VERTEXAI_LOCATION) ?? 'us-central1';
  const value = deployment.apiBase ?? (location === 'global' ? 'https://aiplatform.googleapis.com' : `https://${location}-aiplatform.googleapis.com`);
  const base = URL.canParse(value) ? new URL(value) : undefined;
  if (base === undefined || (base.protocol !== 'http:' && base.protocol !== 'https:') || !/^[\w-]+$/.test(location)) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.api_base and vertex_location must form an http(s) URL.`);
  }
  const model = `/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/google/models/${encodeURIComponent(deployment.upstreamModel)}`;
  const label = `model "${deployment.modelName}" at ${base.origin}`;
  const redactor = createRedactor({ secrets: [account.private_key, ...urlSecrets(base.href)] });
  const maxResponseBytes = options.maxResponseBytes ?? deployment.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const generatePath = `${model}:generateContent`;
  return {
    dispatcher: options.dispatcherFor(base.origin),
    origin: base.origin,
    paths: { 'chat.completions': generatePath, responses: generatePath, embeddings: `${model}:predict` },
    generatePath,
    streamPath: `${model}:streamGenerateContent?alt=sse`,
    headers: { 'content-type': 'application/json' },
    tokens: new GoogleTokenSource(account, { dispatcherFor: options.dispatcherFor, redactor, label }),
    redactor,
    label,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
    maxResponseBytes,
    sseOptions: { maxEventBytes: maxResponseBytes, tooLarge: () => responseTooLarge(label, 'a stream event', maxResponseBytes) },
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.startsWith('os.environ/') ? value : undefined;
}
