import { createRedactor, GatewayError, urlSecrets, type Deployment } from '@switchyard/core';
import { responseTooLarge, type UpstreamTarget } from '@switchyard/provider-openai';
import type { Dispatcher } from 'undici';
import { authSecrets, resolveBedrockAuth, reveal, type BedrockAuth } from './aws-credentials.js';
import { DEFAULT_REGION, REGION_PATTERN } from './bedrock-provider-options.js';
import type { CredentialProvider } from './credentials/credential-provider.js';
import { credentialRedactor } from './credentials/credential-redactor.js';
import { createRequestSigner, type RequestSigner } from './sign-request.js';

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1_000_000;

/** A deployment's Bedrock upstream, worked out once: region, endpoint, encoded model id, signer. */
export interface BedrockTarget extends UpstreamTarget {
  /** The Bedrock model id, inference profile or ARN, as Bedrock takes it (not URL-encoded). */
  readonly modelId: string;
  readonly region: string;
  readonly converseStreamPath: string;
  readonly signer: RequestSigner;
  /** `guardrailConfig` from litellm_params, sent with every Converse call of the deployment. */
  readonly guardrailConfig: Readonly<Record<string, unknown>> | undefined;
}

export interface ResolveBedrockOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly defaultRegion: string | undefined;
  readonly dispatcherFor: (origin: string) => Dispatcher;
  readonly maxResponseBytes: number | undefined;
  /** Credential providers the plugin instance's deployments share (instance metadata, the container role). Default: none shared. */
  readonly sharedCredentials?: Map<string, CredentialProvider>;
}

/**
 * `bedrock/<model>` → `POST {endpoint}/model/{modelId}/converse` (and `/converse-stream`,
 * `/invoke` for embeddings), the model id URL-encoded as one path segment (`:` and the `/` of
 * ARNs included). LiteLLM's route prefixes are read: `converse/` (Converse, as every chat call
 * here is), `invoke/` (served through Converse too), and a leading region (`bedrock/eu-west-1/<model>`).
 * Region: that prefix, else `aws_region_name`, else the region of an ARN, else AWS_REGION_NAME
 * (LiteLLM's), AWS_REGION, AWS_DEFAULT_REGION, else the plugin's default. Endpoint: `api_base` or
 * `aws_bedrock_runtime_endpoint`, else `https://bedrock-runtime.{region}.amazonaws.com`.
 */
export function resolveBedrockTarget(deployment: Deployment, options: ResolveBedrockOptions): BedrockTarget {
  const { modelId, region: routeRegion } = parseModel(deployment);
  const region = routeRegion ?? reveal(deployment.extraParams.aws_region_name) ?? arnRegion(modelId) ?? nonEmpty(options.env.AWS_REGION_NAME) ?? nonEmpty(options.env.AWS_REGION) ?? nonEmpty(options.env.AWS_DEFAULT_REGION) ?? options.defaultRegion ?? DEFAULT_REGION;
  if (!REGION_PATTERN.test(region)) {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}: "${region}" is not an AWS region name (such as us-east-1).`);
  }
  const base = parseEndpoint(deployment, region);
  const auth = resolveBedrockAuth(deployment, { env: options.env, region, dispatcherFor: options.dispatcherFor, shared: options.sharedCredentials ?? new Map() });
  const root = `${base.pathname.replace(/\/+$/, '')}/model/${encodeURIComponent(modelId)}`;
  const label = `model "${deployment.modelName}" at ${base.origin}`;
  const maxResponseBytes = options.maxResponseBytes ?? deployment.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const converse = `${root}/converse`;
  const guardrail = deployment.extraParams.guardrailConfig ?? deployment.extraParams.guardrail_config;
  return {
    modelId,
    region,
    dispatcher: options.dispatcherFor(base.origin),
    origin: base.origin,
    paths: { 'chat.completions': converse, responses: converse, embeddings: `${root}/invoke` },
    converseStreamPath: `${root}/converse-stream`,
    headers: {},
    signer: createRequestSigner({ auth, region, base }),
    guardrailConfig: typeof guardrail === 'object' && guardrail !== null && !Array.isArray(guardrail) ? (guardrail as Record<string, unknown>) : undefined,
    redactor: redactorFor(auth, urlSecrets(base.href)),
    label,
    timeoutMs: deployment.timeoutMs,
    streamHeadersTimeoutMs: deployment.streamTimeoutMs ?? deployment.timeoutMs,
    maxResponseBytes,
    sseOptions: { maxEventBytes: maxResponseBytes, tooLarge: () => responseTooLarge(label, 'a stream event', maxResponseBytes) },
  };
}

/** Fetched credentials change on refresh: their redactor follows them. */
function redactorFor(auth: BedrockAuth, others: readonly string[]) {
  if (auth.kind === 'sigv4' && auth.credentials.fixed !== true) return credentialRedactor([...auth.secrets, ...others], auth.credentials);
  return createRedactor({ secrets: [...authSecrets(auth), ...others] });
}

/** LiteLLM's `bedrock/` model strings: `[region/][converse/|invoke/]<model id | inference profile | ARN>`. */
export function parseModel(deployment: Deployment): { modelId: string; region: string | undefined } {
  let rest = deployment.upstreamModel;
  let region: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0 && REGION_PATTERN.test(rest.slice(0, slash))) {
    region = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  if (rest.startsWith('converse/') || rest.startsWith('invoke/')) rest = rest.slice(rest.indexOf('/') + 1);
  if (rest === '') {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.model names no Bedrock model: write bedrock/<model id>, such as bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0.`);
  }
  return { modelId: rest, region };
}

/** `arn:aws:bedrock:us-east-1:123456789012:inference-profile/…` → `us-east-1`. */
function arnRegion(modelId: string): string | undefined {
  if (!modelId.startsWith('arn:')) return undefined;
  const region = modelId.split(':')[3];
  return region !== undefined && REGION_PATTERN.test(region) ? region : undefined;
}

function parseEndpoint(deployment: Deployment, region: string): URL {
  const value = deployment.apiBase ?? reveal(deployment.extraParams.aws_bedrock_runtime_endpoint) ?? `https://bedrock-runtime.${region}.amazonaws.com`;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  // The value itself is not echoed: a base URL can carry credentials in its query.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '') {
    throw new GatewayError('invalid_config', `Invalid config: ${deployment.configPath}.litellm_params.api_base must be an http:// or https:// URL without a query.`);
  }
  return url;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
