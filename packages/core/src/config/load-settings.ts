import { dirname, resolve } from 'node:path';
import type { GatewayConfig } from '../generated/config.js';
import type { GatewaySettings } from './gateway-settings.js';
import { normalizeConfig } from './normalize-config.js';
import { readConfigFile } from './read-config-file.js';
import type { Environment } from './resolve-env-references.js';
import { validateConfig } from './validate-config.js';

export interface LoadSettingsOptions {
  /** A path to config.yaml, or the same configuration as an object. */
  config: string | GatewayConfig | undefined;
  env?: Environment;
  /** For relative paths in an object config (default: the current directory). */
  baseDir?: string;
}

/** Reads, validates and normalizes the configuration. Throws `invalid_config` errors. */
export function loadSettings(options: LoadSettingsOptions): GatewaySettings {
  const env = options.env ?? process.env;
  if (typeof options.config === 'string') {
    const path = resolve(options.config);
    const config = validateConfig(readConfigFile(path), path);
    return normalizeConfig(config, { env, baseDir: dirname(path) });
  }
  const config = validateConfig(options.config ?? { model_list: [] }, 'options.config');
  return normalizeConfig(config, { env, baseDir: options.baseDir ?? process.cwd() });
}
