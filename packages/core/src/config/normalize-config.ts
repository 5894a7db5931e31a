import { isAbsolute, resolve } from 'node:path';
import { GatewayError } from '../errors/gateway-error.js';
import type { CapabilitySource, GatewayConfig, LitellmParams } from '../generated/config.js';
import type { Deployment } from './deployment.js';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_TIMEOUT_SECONDS, type CapabilitySourceSpec, type GatewaySettings } from './gateway-settings.js';
import { resolveSecret, resolveValue, type Environment } from './resolve-env-references.js';
import { findUnimplementedKeys } from './unimplemented-keys.js';

const OWN_PARAMS = new Set(['model', 'api_key', 'api_base', 'timeout', 'stream_timeout', 'drop_params', 'mock_response']);

export interface NormalizeOptions {
  env: Environment;
  baseDir: string;
}

/** Turns a validated config into the settings the gateway runs on. */
export function normalizeConfig(config: GatewayConfig, options: NormalizeOptions): GatewaySettings {
  // LiteLLM's environment_variables fill the environment before references resolve; real ones win.
  const env: Environment = { ...config.environment_variables, ...stripUndefined(options.env) };
  const defaultTimeout = config.litellm_settings?.request_timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const ids = new Set<string>();
  const deployments = (config.model_list ?? []).map((entry, index): Deployment => {
    const path = `model_list[${index}]`;
    const params = entry.litellm_params;
    const { provider, upstreamModel } = splitModel(params.model, `${path}.litellm_params.model`);
    const id = typeof entry.model_info?.id === 'string' ? entry.model_info.id : `${entry.model_name}#${index}`;
    if (ids.has(id)) throw new GatewayError('invalid_config', `Invalid config: ${path}.model_info.id ${JSON.stringify(id)} is used twice.`);
    ids.add(id);
    return {
      id,
      modelName: entry.model_name,
      provider,
      upstreamModel,
      apiBase: resolveValue(params.api_base, `${path}.litellm_params.api_base`, env) as string | undefined,
      apiKey: resolveSecret(params.api_key, `${path}.litellm_params.api_key`, env),
      timeoutMs: Math.round((params.timeout ?? defaultTimeout) * 1000),
      streamTimeoutMs: params.stream_timeout === undefined ? undefined : Math.round(params.stream_timeout * 1000),
      dropParams: params.drop_params,
      mockResponse: params.mock_response,
      extraParams: extraParams(params, `${path}.litellm_params`, env),
      modelInfo: entry.model_info,
      configPath: path,
    };
  });

  return {
    deployments,
    masterKey: resolveSecret(config.general_settings?.master_key, 'general_settings.master_key', env),
    dropParams: config.litellm_settings?.drop_params ?? false,
    bodyLimitBytes:
      config.general_settings?.max_request_size_mb === undefined
        ? DEFAULT_BODY_LIMIT_BYTES
        : Math.round(config.general_settings.max_request_size_mb * 1_000_000),
    jsonLimits: {
      maxDepth: config.general_settings?.max_request_json_depth,
      maxObjectKeys: config.general_settings?.max_request_json_object_keys,
      maxKeys: config.general_settings?.max_request_json_keys,
      maxArrayLength: config.general_settings?.max_request_json_array_length,
    },
    capabilitySources: (config.capabilities?.sources ?? ['builtin']).map((source) => toSourceSpec(source, options.baseDir)),
    reloadIntervalSeconds: config.capabilities?.reload_interval_seconds ?? 0,
    sourceFetch: {
      timeoutMs: seconds(config.capabilities?.fetch_timeout_seconds),
      maxBytes: config.capabilities?.max_source_mb === undefined ? undefined : Math.round(config.capabilities.max_source_mb * 1_000_000),
    },
    baseDir: options.baseDir,
    warnings: findUnimplementedKeys(config as Record<string, unknown>).map(
      (key) => `config key ${key} is accepted but not implemented by Switchyard; it has no effect`,
    ),
  };
}

/** `openai/gpt-5.5` → openai + gpt-5.5. No prefix means openai, as LiteLLM assumes for OpenAI models. */
function splitModel(model: string, path: string): { provider: string; upstreamModel: string } {
  const slash = model.indexOf('/');
  if (slash === -1) return { provider: 'openai', upstreamModel: model };
  const provider = model.slice(0, slash);
  const upstreamModel = model.slice(slash + 1);
  if (provider === '' || upstreamModel === '') {
    throw new GatewayError('invalid_config', `Invalid config: ${path} must look like provider/model (got ${JSON.stringify(model)}).`);
  }
  return { provider, upstreamModel };
}

function extraParams(params: LitellmParams, path: string, env: Environment): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (!OWN_PARAMS.has(key)) extra[key] = resolveValue(value, `${path}.${key}`, env);
  }
  return extra;
}

function toSourceSpec(source: CapabilitySource, baseDir: string): CapabilitySourceSpec {
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  if (typeof source === 'string') {
    if (source === 'builtin') return { kind: 'builtin' };
    if (/^https?:\/\//.test(source)) return { kind: 'url', url: source, format: undefined };
    return { kind: 'file', path: absolute(source), format: undefined, watch: false };
  }
  if (source.url !== undefined) return { kind: 'url', url: source.url, format: source.format };
  return { kind: 'file', path: absolute(source.path!), format: source.format, watch: source.watch ?? false };
}

function seconds(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 1000);
}

function stripUndefined(env: Environment): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
