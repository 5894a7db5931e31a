import { createRedactor, GatewayError, urlSecrets, type Deployment } from '@switchyard/core';
import { responseTooLarge, type UpstreamTarget } from '@switchyard/provider-openai';
import type { Dispatcher } from 'undici';

export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1_000_000;

/** A deployment's Gemini upstream, worked out once. */
export interface GeminiTarget extends UpstreamTarget {
  readonly generatePath: string;
  readonly streamPath: string;
}

export interface ResolveGeminiOptions {
  readonly apiKey: string | undefined;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  readonly maxResponseBytes: number | undefined;
}

/**
 * `{api_base}/v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`
 * (an api_base that already ends in `/v1beta` or `/v1` keeps it), the key in `x-goog-api-key`
 * (never in the query, where it would land in access logs).
 */
export function resolveGeminiTarget(deployment: Deployment, options: ResolveGeminiOptions): GeminiTarget {
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
