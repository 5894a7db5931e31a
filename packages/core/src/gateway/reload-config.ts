import type { CapabilityStore } from '../capabilities/capability-store.js';
import { configError } from '../config/config-problems.js';
import type { Deployment } from '../config/deployment.js';
import type { GatewaySettings } from '../config/gateway-settings.js';
import { readSettings } from '../config/load-settings.js';
import type { Environment } from '../config/resolve-env-references.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { GatewayConfig } from '../generated/config.js';
import type { Logger } from '../logging/logger.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { diffDeployments } from './diff-deployments.js';

/** The answer to a config reload (`POST /reload/config`, SIGHUP, `gateway.reloadConfig()`). */
export interface ConfigReloadSummary {
  /** The capability snapshot version now in force. */
  readonly version: number;
  /** Deployment ids (`model_info.id`, else `<model_name>-<hash>`). */
  readonly deployments: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[]; readonly total: number };
  /** Settings that changed in the file but apply only at the next start (master key, body limit, …). */
  readonly restart_required: readonly string[];
  /** The new config's warnings (unimplemented keys), as at start-up. */
  readonly warnings: readonly string[];
  readonly duration_ms: number;
}

export interface ConfigReloaderOptions {
  /** What the gateway was built from; a path is re-read, an object can only be replaced. */
  readonly config: string | GatewayConfig | undefined;
  readonly env: Environment | undefined;
  readonly providers: ProviderRegistry;
  readonly capabilities: CapabilityStore;
  readonly logger: Logger;
}

/**
 * Re-reads the config and swaps its deployments in, as a capability reload swaps capabilities:
 * everything is validated first (schema, typos, environment variables, providers registered,
 * model_info) and a config with any problem changes nothing (422 listing them all). The swap
 * itself is one synchronous step, so requests see the old set or the new one, and requests in
 * flight finish on the snapshot they started with.
 */
export function createConfigReloader(options: ConfigReloaderOptions): (config?: string | GatewayConfig) => Promise<ConfigReloadSummary> {
  return async (replacement) => {
    const started = performance.now();
    const config = replacement ?? options.config;
    try {
      if (config === undefined || (typeof config !== 'string' && replacement === undefined)) {
        throw new GatewayError('invalid_config', 'This gateway was built from a config object, not a file: there is nothing to re-read. Pass the new config to gateway.reloadConfig(config).', { status: 409 });
      }
      const { settings, problems, source } = asRefusal(() => readSettings({ config, env: options.env }));
      const unservable = options.providers.checkServes(settings.deployments, { ignoreInvalid: settings.ignoreInvalidDeployments });
      for (const problem of unservable.problems) problems.add(problem);
      if (problems.size > 0) throw configError(source, problems.lines, 422);
      const current = options.capabilities.settings;
      const next: GatewaySettings = { ...current, deployments: settings.deployments, warnings: settings.warnings, ignoreInvalidDeployments: settings.ignoreInvalidDeployments };
      const restartRequired = restartOnlyChanges(current, settings);
      const { previous, next: snapshot } = options.capabilities.reconfigure(next);
      const diff = diffDeployments(deploymentsOf(previous.targets), settings.deployments);
      const summary: ConfigReloadSummary = {
        version: snapshot.version,
        deployments: { ...diff, total: settings.deployments.length },
        restart_required: restartRequired,
        warnings: settings.warnings,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      options.logger.info(
        { version: summary.version, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, restartRequired },
        'config reloaded',
      );
      for (const message of unservable.messages) options.logger.warn({}, `skipping deployments: ${message}`);
      for (const warning of unservable.warnings) options.logger.warn({}, warning);
      for (const warning of settings.warnings) options.logger.warn({}, warning);
      return summary;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.logger.warn({}, `config reload refused, the deployments in force stay: ${message}`);
      throw error;
    }
  };
}

function deploymentsOf(targets: ReadonlyMap<string, readonly { readonly deployment: Deployment }[]>): Deployment[] {
  return [...targets.values()].flatMap((list) => list.map((target) => target.deployment));
}

/** What a running gateway cannot change without a restart: compiled into stages, servers or timers. */
function restartOnlyChanges(current: GatewaySettings, next: GatewaySettings): string[] {
  const changed: string[] = [];
  if (current.masterKey?.reveal() !== next.masterKey?.reveal()) changed.push('general_settings.master_key');
  if (current.bodyLimitBytes !== next.bodyLimitBytes) changed.push('general_settings.max_request_size_mb');
  if (current.dropParams !== next.dropParams) changed.push('litellm_settings.drop_params');
  const capabilities = (settings: GatewaySettings) =>
    JSON.stringify([settings.capabilitySources, settings.reloadIntervalSeconds, settings.sourceFetch]);
  if (capabilities(current) !== capabilities(next)) changed.push('capabilities');
  const redis = (settings: GatewaySettings) => {
    const connection = settings.router.redis;
    return connection === undefined ? '' : JSON.stringify([connection.address, connection.url?.reveal(), connection.password?.reveal()]);
  };
  // The shared router state's connection is opened once, when the gateway is built.
  if (redis(current) !== redis(next)) changed.push('router_settings.redis_*');
  // Metrics, tracing and the cache's store are built with the gateway.
  const operations = (settings: GatewaySettings) => {
    const { warnings: _warnings, cache, ...rest } = settings.operations;
    return JSON.stringify([rest, cache === undefined ? null : { ...cache, endpoints: [...cache.endpoints] }]);
  };
  if (operations(current) !== operations(next)) changed.push('litellm_settings.callbacks/cache');
  return changed;
}

/** A file that cannot be read or parsed refuses the reload (422), it is not a gateway failure. */
function asRefusal<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isGatewayError(error) && error.code === 'invalid_config') throw new GatewayError('invalid_config', error.message, { status: 422 });
    throw error;
  }
}
