import { dirname, resolve } from 'node:path';
import { modelInfoOverride } from '../capabilities/model-info-override.js';
import type { GatewayConfig } from '../generated/config.js';
import { applyCredentials } from './apply-credentials.js';
import { checkConfigKeys } from './check-config-keys.js';
import { ConfigProblems } from './config-problems.js';
import type { GatewaySettings } from './gateway-settings.js';
import { isUsedConfigPath, normalizeConfig } from './normalize-config.js';
import { readConfigFile } from './read-config-file.js';
import { resolveEnvTree, type Environment } from './resolve-env-references.js';
import { validateConfig } from './validate-config.js';

export interface LoadSettingsOptions {
  /** A path to config.yaml, or the same configuration as an object. */
  config: string | GatewayConfig | undefined;
  env?: Environment;
  /** For relative paths in an object config (default: the current directory). */
  baseDir?: string;
}

export interface ReadSettingsResult {
  /** The settings, as far as they could be built (deployments with a problem left out). */
  readonly settings: GatewaySettings;
  /** Every problem found; the settings are usable only when there is none. */
  readonly problems: ConfigProblems;
  /** How the config is named in messages: its path, or `options.config`. */
  readonly source: string;
}

/** Reads, validates and normalizes the configuration. Throws one `invalid_config` error listing every problem. */
export function loadSettings(options: LoadSettingsOptions): GatewaySettings {
  const { settings, problems, source } = readSettings(options);
  problems.throwIfAny(source);
  return settings;
}

/**
 * The steps, in LiteLLM's order: read the file; check keys (typos are problems); fill in named
 * credentials; resolve `os.environ/` references; validate (coercing as LiteLLM does); normalize.
 * Each step collects its problems and the next runs on what is still valid, so one run reports
 * everything. A YAML syntax error alone stops early: there is nothing to check after it.
 */
export function readSettings(options: LoadSettingsOptions): ReadSettingsResult {
  const problems = new ConfigProblems();
  const path = typeof options.config === 'string' ? resolve(options.config) : undefined;
  const source = path ?? 'options.config';
  const raw: unknown = path === undefined ? (options.config ?? { model_list: [] }) : readConfigFile(path);
  const baseDir = path === undefined ? (options.baseDir ?? process.cwd()) : dirname(path);
  const processEnv = options.env ?? process.env;

  let warnings: string[] = [];
  let prepared: unknown = raw;
  let env: Environment = processEnv;
  const unresolved = new Set<string>();
  if (isMapping(raw)) {
    warnings = checkConfigKeys(raw, problems);
    env = { ...stringValues(raw.environment_variables), ...withoutUndefined(processEnv) };
    prepared = resolveEnvTree(applyCredentials(raw, problems), { env, problems, isUsed: isUsedConfigPath, unresolved });
  }
  const validated = validateConfig(prepared, problems, unresolved);
  const config = validated.config ?? validated.partial ?? { model_list: [] };
  const settings = normalizeConfig(config, { env, baseDir, problems, warnings });
  // model_info overrides are checked by the capability schema when snapshots are built; check
  // them here too, so their problems are listed with the others instead of thrown alone.
  for (const deployment of settings.deployments) problems.collect(() => modelInfoOverride(deployment));
  return { settings, problems, source };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** LiteLLM sets each environment_variables entry with str(): `REDIS_PORT: 6329` is "6329". */
function stringValues(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isMapping(value)) return result;
  for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined && typeof item !== 'object') result[key] = String(item);
  return result;
}

function withoutUndefined(env: Environment): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
