import type { CapabilityStore } from '../capabilities/capability-store.js';
import type { GatewaySettings } from '../config/gateway-settings.js';
import type { Clock } from '../di/tokens.js';
import type { Logger } from '../logging/logger.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ConfigReloadSummary } from './reload-config.js';
import type { Router } from '../router/router.js';
import type { KeySystem } from '../keys/key-system.js';
import type { Readiness } from '../health/readiness.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';

/** The services of one gateway, resolved from its container once, when the gateway is built. */
export interface GatewayServices {
  readonly settings: GatewaySettings;
  readonly logger: Logger;
  readonly providers: ProviderRegistry;
  readonly capabilities: CapabilityStore;
  readonly clock: Clock;
  /** Unix seconds when the gateway was built (the `created` of listed models). */
  readonly startedAt: number;
  /** Re-reads the config and swaps its deployments in (`POST /reload/config`). */
  readonly reloadConfig: () => Promise<ConfigReloadSummary>;
  /** Whether the gateway was built from a config file, so `POST /reload/config` has one to re-read. */
  readonly configReloadAvailable: boolean;
  /** Deployment health shared by the route stage and GET /health/deployments. */
  readonly router: Router;
  /** Virtual keys, budgets and spend; undefined without a master key (an open gateway has no keys). */
  readonly keys: KeySystem | undefined;
  /** Checks behind GET /health/readiness (stores register theirs). */
  readonly readiness: Readiness;
  /** Prometheus metrics, when `callbacks: ["prometheus"]` (or the `metrics` option) turned them on. */
  readonly metrics: GatewayMetrics | undefined;
}
