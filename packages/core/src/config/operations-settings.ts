import { GatewayError } from '../errors/gateway-error.js';
import type { Endpoint } from '../providers/provider.js';

/** LiteLLM callback names Switchyard implements; any other name gets one warning. */
const KNOWN_CALLBACKS = new Set(['prometheus', 'otel', 'langfuse']);

/** LiteLLM's `supported_call_types` names, by the endpoint they cache. */
const CALL_TYPES: Readonly<Record<string, Endpoint>> = {
  completion: 'chat.completions',
  acompletion: 'chat.completions',
  embedding: 'embeddings',
  aembedding: 'embeddings',
  responses: 'responses',
  aresponses: 'responses',
};
const SEMANTIC = new Set(['redis-semantic', 'qdrant-semantic']);
const DEFAULT_TTL_SECONDS = 600;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface CacheSettings {
  readonly type: 'local' | 'redis';
  readonly ttlSeconds: number;
  readonly namespace: string;
  readonly endpoints: ReadonlySet<Endpoint>;
  /** `mode: default_off`: only requests that ask (`cache: {"use-cache": true}`) use the cache. */
  readonly defaultOff: boolean;
  /** Largest total size of the in-process cache (`cache_params.max_bytes`, Switchyard's own). */
  readonly maxBytes: number;
  /** Put the caller's hashed key into the cache key (`cache_params.key_per_api_key`, Switchyard's own). */
  readonly perApiKey: boolean;
  /** host, port, password, url, … for the Redis backend, as written. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface OperationsSettings {
  /** `callbacks: ["prometheus"]` (or in success_/failure_callback): serve GET /metrics. */
  readonly metrics: boolean;
  /** `require_auth_for_metrics_endpoint: false` makes /metrics public. */
  readonly metricsPublic: boolean;
  /** `otel` or `langfuse` among the callbacks: spans through @opentelemetry/api. */
  readonly tracing: boolean;
  /** Which exporters the standalone server should start (hosts bring their own OTel SDK). */
  readonly exporters: readonly ('otel' | 'langfuse')[];
  readonly cache: CacheSettings | undefined;
  readonly warnings: readonly string[];
}

/**
 * Reads LiteLLM's `litellm_settings.callbacks` / `success_callback` / `failure_callback`,
 * `require_auth_for_metrics_endpoint`, `cache` and `cache_params`. Bad values throw
 * `invalid_config`; names Switchyard does not implement become warnings.
 */
export function readOperationsSettings(litellmSettings: Readonly<Record<string, unknown>> | undefined): OperationsSettings {
  const section = litellmSettings ?? {};
  const warnings: string[] = [];
  const names = new Set<string>();
  for (const key of ['callbacks', 'success_callback', 'failure_callback'] as const) {
    const value = section[key];
    if (value === undefined || value === null) continue;
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.some((name) => typeof name !== 'string')) {
      throw new GatewayError('invalid_config', `litellm_settings.${key} must be a list of callback names`);
    }
    for (const name of list as string[]) names.add(name);
  }
  const unknown = [...names].filter((name) => !KNOWN_CALLBACKS.has(name));
  if (unknown.length > 0) {
    warnings.push(`litellm_settings callbacks ${unknown.map((name) => JSON.stringify(name)).join(', ')} are not implemented and are not called (implemented: prometheus, otel, langfuse)`);
  }
  const requireAuth = section.require_auth_for_metrics_endpoint;
  if (requireAuth !== undefined && typeof requireAuth !== 'boolean') {
    throw new GatewayError('invalid_config', 'litellm_settings.require_auth_for_metrics_endpoint must be true or false');
  }
  const exporters = (['otel', 'langfuse'] as const).filter((name) => names.has(name));
  return {
    metrics: names.has('prometheus'),
    metricsPublic: requireAuth === false,
    tracing: exporters.length > 0,
    exporters,
    cache: readCacheSettings(section, warnings),
    warnings,
  };
}

function readCacheSettings(section: Readonly<Record<string, unknown>>, warnings: string[]): CacheSettings | undefined {
  const enabled = section.cache;
  if (enabled === undefined || enabled === null || enabled === false) return undefined;
  if (enabled !== true) throw new GatewayError('invalid_config', 'litellm_settings.cache must be true or false');
  const rawParams = section.cache_params ?? {};
  if (typeof rawParams !== 'object' || rawParams === null || Array.isArray(rawParams)) {
    throw new GatewayError('invalid_config', 'litellm_settings.cache_params must be a mapping');
  }
  const params = rawParams as Record<string, unknown>;
  const type = params.type ?? 'local';
  if (typeof type !== 'string') throw new GatewayError('invalid_config', 'litellm_settings.cache_params.type must be a string');
  if (SEMANTIC.has(type)) {
    warnings.push(`litellm_settings.cache_params.type ${type}: semantic caching is not supported; responses are not cached`);
    return undefined;
  }
  if (type !== 'local' && type !== 'redis') {
    warnings.push(`litellm_settings.cache_params.type ${JSON.stringify(type)} is not supported (local, redis); responses are not cached`);
    return undefined;
  }
  const ttl = params.ttl ?? DEFAULT_TTL_SECONDS;
  if (typeof ttl !== 'number' || !(ttl > 0)) throw new GatewayError('invalid_config', 'litellm_settings.cache_params.ttl must be a positive number of seconds');
  const namespace = params.namespace ?? '';
  if (typeof namespace !== 'string') throw new GatewayError('invalid_config', 'litellm_settings.cache_params.namespace must be a string');
  const mode = params.mode ?? 'default_on';
  if (mode !== 'default_on' && mode !== 'default_off') {
    throw new GatewayError('invalid_config', 'litellm_settings.cache_params.mode must be default_on or default_off');
  }
  const maxBytes = params.max_bytes ?? DEFAULT_MAX_BYTES;
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new GatewayError('invalid_config', 'litellm_settings.cache_params.max_bytes must be a positive integer');
  }
  return {
    type,
    ttlSeconds: ttl,
    namespace,
    endpoints: readCallTypes(params.supported_call_types, warnings),
    defaultOff: mode === 'default_off',
    maxBytes,
    perApiKey: params.key_per_api_key === true,
    params,
  };
}

function readCallTypes(value: unknown, warnings: string[]): ReadonlySet<Endpoint> {
  if (value === undefined || value === null) return new Set<Endpoint>(['chat.completions', 'responses', 'embeddings']);
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string')) {
    throw new GatewayError('invalid_config', 'litellm_settings.cache_params.supported_call_types must be a list of call types');
  }
  const endpoints = new Set<Endpoint>();
  const other: string[] = [];
  for (const name of value as string[]) {
    const endpoint = CALL_TYPES[name];
    if (endpoint === undefined) other.push(name);
    else endpoints.add(endpoint);
  }
  if (other.length > 0) warnings.push(`litellm_settings.cache_params.supported_call_types ${other.join(', ')}: Switchyard does not serve these calls; they are not cached`);
  return endpoints;
}
