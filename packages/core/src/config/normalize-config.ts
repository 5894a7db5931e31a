import { isAbsolute, resolve } from 'node:path';
import { GatewayError } from '../errors/gateway-error.js';
import type { CapabilitySource, GatewayConfig, LitellmParams, ModelDeployment } from '../generated/config.js';
import { ConfigProblems } from './config-problems.js';
import type { Deployment } from './deployment.js';
import { checkDeploymentMode } from './deployment-mode.js';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_TIMEOUT_SECONDS, type CapabilitySourceSpec, type GatewaySettings } from './gateway-settings.js';
import { isKeyLikeField } from './key-like.js';
import { LITELLM_PARAMS } from './litellm-keys.js';
import { isEnvReference, resolveSecret, resolveValue, type Environment } from './resolve-env-references.js';
import { Secret } from './secret.js';
import { readRouterSettings } from '../router/router-settings.js';
import { defaultDeploymentId } from './deployment-id.js';
import { readProxyLimits } from '../keys/proxy-limits.js';
import { readKeySettings } from '../keys/key-settings.js';
import { readOperationsSettings } from './operations-settings.js';

const OWN_PARAMS = new Set(['model', 'api_key', 'api_base', 'timeout', 'stream_timeout', 'drop_params', 'mock_response', 'litellm_credential_name']);

export interface NormalizeOptions {
  env: Environment;
  baseDir: string;
  /** Where problems go (default: a fresh collector, thrown at the end). */
  problems?: ConfigProblems;
  /** Warnings found before normalizing (checkConfigKeys), kept first. */
  warnings?: readonly string[];
}

/**
 * Turns a validated config into the settings the gateway runs on. Problems (a missing
 * variable, a malformed model string, a duplicate id, a mistyped mode) are collected; a
 * deployment with a problem is left out, the others are kept so every problem is found in one run.
 */
export function normalizeConfig(config: GatewayConfig, options: NormalizeOptions): GatewaySettings {
  const own = options.problems === undefined;
  const problems = options.problems ?? new ConfigProblems();
  // LiteLLM's environment_variables fill the environment before references resolve; real ones win.
  const env: Environment = { ...config.environment_variables, ...stripUndefined(options.env) };
  const defaultTimeout = config.litellm_settings?.request_timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const warnings = [...(options.warnings ?? [])];
  const responseSizeMb = config.general_settings?.max_response_size_mb;
  const maxResponseBytes = responseSizeMb === undefined ? undefined : Math.round(responseSizeMb * 1_000_000);
  const ids = new Set<string>();
  const deployments: Deployment[] = [];
  (config.model_list ?? []).forEach((entry: ModelDeployment | null, index) => {
    if (entry === null) return; // invalid, already reported by the schema
    const deployment = problems.collect(() => toDeployment(entry, index, { env, defaultTimeout, maxResponseBytes, problems, ids }));
    if (deployment === undefined) return;
    if (ids.has(deployment.id)) {
      problems.add(`${deployment.configPath}.model_info.id ${JSON.stringify(deployment.id)} is used twice`);
      return;
    }
    ids.add(deployment.id);
    deployments.push(deployment);
  });
  warnings.push(...modeWarnings(deployments));

  const settings: GatewaySettings = {
    deployments,
    masterKey: problems.collect(() => resolveSecret(config.general_settings?.master_key, 'general_settings.master_key', env)),
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
    ignoreInvalidDeployments: (config.router_settings as { ignore_invalid_deployments?: unknown } | undefined)?.ignore_invalid_deployments !== false,
    disableAdminUi: config.general_settings?.disable_admin_ui === true,
    router: problems.collect(() => readRouterSettings(config.router_settings)) ?? readRouterSettings(undefined),
    keys: readKeySettings(
      config.general_settings,
      problems.collect(() => resolveSecret(config.general_settings?.database_url, 'general_settings.database_url', env)),
      options.baseDir,
      problems.collect(() => readProxyLimits(config.litellm_settings, config.general_settings)),
    ),
    operations: problems.collect(() => readOperationsSettings(config.litellm_settings)) ?? readOperationsSettings(undefined),
    warnings,
  };
  warnings.push(...settings.router.warnings);
  warnings.push(...settings.operations.warnings);
  if (own) problems.throwIfAny('options.config');
  return settings;
}

interface DeploymentContext {
  readonly env: Environment;
  readonly defaultTimeout: number;
  /** general_settings.max_response_size_mb, in bytes (the provider's default when unset). */
  readonly maxResponseBytes: number | undefined;
  readonly problems: ConfigProblems;
  /** Ids taken so far (hash twins get a suffix). */
  readonly ids: ReadonlySet<string>;
}

function toDeployment(entry: ModelDeployment, index: number, context: DeploymentContext): Deployment | undefined {
  const { env } = context;
  const path = `model_list[${index}]`;
  const params = entry.litellm_params;
  const { provider, upstreamModel } = splitModel(params.model, `${path}.litellm_params.model`);
  const id = typeof entry.model_info?.id === 'string' ? entry.model_info.id : defaultDeploymentId(entry.model_name, params as Record<string, unknown>, context.ids);
  const mode = checkDeploymentMode(entry.model_info?.mode, `${path}.model_info.mode`);
  if (mode.kind === 'typo') throw new GatewayError('invalid_config', mode.problem);
  let modelInfo = entry.model_info;
  if (mode.kind === 'unserved' && modelInfo !== undefined) {
    // The capability schema knows only the served modes; the deployment keeps its mode apart.
    const { mode: _unserved, ...rest } = modelInfo;
    modelInfo = rest;
  }
  const apiKey = context.problems.collect(() => resolveSecret(params.api_key, `${path}.litellm_params.api_key`, env));
  return {
    id,
    modelName: entry.model_name,
    provider,
    upstreamModel,
    apiBase: resolveValue(params.api_base, `${path}.litellm_params.api_base`, env) as string | undefined,
    apiKey,
    timeoutMs: Math.round((params.timeout ?? context.defaultTimeout) * 1000),
    streamTimeoutMs: params.stream_timeout === undefined ? undefined : Math.round(params.stream_timeout * 1000),
    maxResponseBytes: context.maxResponseBytes,
    dropParams: params.drop_params,
    mockResponse: params.mock_response,
    extraParams: extraParams(params, env),
    modelInfo,
    ...(mode.kind === 'unserved' ? { unservedMode: mode.mode } : {}),
    configPath: path,
  };
}

/** `openai/gpt-5.5` → openai + gpt-5.5. No prefix means openai, as LiteLLM assumes for OpenAI models. */
function splitModel(model: string, path: string): { provider: string; upstreamModel: string } {
  const slash = model.indexOf('/');
  if (slash === -1) return { provider: 'openai', upstreamModel: model };
  const provider = model.slice(0, slash);
  const upstreamModel = model.slice(slash + 1);
  // `azure/` with nothing after the prefix loads in LiteLLM (one of its own example configs has
  // it); it is a problem only for a deployment Switchyard would serve (ProviderRegistry.checkServes).
  if (provider === '') {
    throw new GatewayError('invalid_config', `${path} must look like provider/model (got ${JSON.stringify(model)})`);
  }
  return { provider, upstreamModel };
}

/**
 * Every `litellm_params` key other than the ones above. References were resolved before
 * validation; key-like ones resolve here, into Secrets; one that names a missing variable under
 * a key Switchyard ignores stays as written.
 */
function extraParams(params: LitellmParams, env: Environment): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (OWN_PARAMS.has(key)) continue;
    if (!isKeyLikeField(key)) extra[key] = value;
    else if (isEnvReference(value)) {
      const resolved = env[value.slice('os.environ/'.length)];
      extra[key] = resolved === undefined || resolved === '' ? value : new Secret(resolved, `env ${value.slice('os.environ/'.length)}`);
    } else extra[key] = typeof value === 'string' ? new Secret(value, 'literal') : value;
  }
  return extra;
}

function modeWarnings(deployments: readonly Deployment[]): string[] {
  return deployments
    .filter((deployment) => deployment.unservedMode !== undefined)
    .map(
      (deployment) =>
        `${deployment.configPath}.model_info.mode: Switchyard does not serve ${deployment.unservedMode} deployments yet; requests for model "${deployment.modelName}" are answered with an unsupported_mode error`,
    );
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

/** Whether a config path (`model_list`, 3, `litellm_params`, `api_base`) is a value Switchyard reads. */
export function isUsedConfigPath(path: readonly (string | number)[]): boolean {
  const [section, second, third, fourth] = path;
  if (section === 'model_list') {
    if (third === 'litellm_params' && typeof fourth === 'string') return LITELLM_PARAMS.implemented.has(fourth) || LITELLM_PARAMS.implementedPattern!.test(fourth);
    return third === 'model_name' || third === 'model_info';
  }
  if (section === 'general_settings') return second === 'max_request_size_mb' || second === 'database_url';
  if (section === 'litellm_settings') return second === 'drop_params' || second === 'request_timeout' || second === 'cache_params';
  return section === 'capabilities';
}
