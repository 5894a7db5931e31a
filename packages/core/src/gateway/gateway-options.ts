import type { DependencyContainer } from 'tsyringe';
import type { Environment } from '../config/resolve-env-references.js';
import type { CostListener } from '../cost/cost-event.js';
import type { Clock } from '../di/tokens.js';
import type { GatewayConfig } from '../generated/config.js';
import type { JsonLimits } from '../http/json-limits.js';
import type { Logger } from '../logging/logger.js';
import type { StagePlacement } from '../pipeline/stage.js';
import type { ProviderPlugin } from '../providers/provider.js';
import type { RouterStateFactory } from '../router/router-state-sync.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { InvalidationBus } from '../stores/invalidation-bus.js';
import type { DataStore, StorePlugin } from '../stores/store-plugin.js';
import type { ResponseCacheFactory, ResponseCacheStore } from '../cache/response-cache-store.js';
import type { ReadinessCheck } from '../health/readiness.js';

export interface GatewayOptions {
  /** Path to a LiteLLM-style config.yaml, or the same configuration as an object. */
  config?: string | GatewayConfig;
  /** Provider plugins. The Express and Koa packages add the OpenAI provider by default. */
  providers?: readonly ProviderPlugin[];
  /** Stages to add before/after a named stage, or to replace one. */
  stages?: readonly StagePlacement[];
  /** A pino-compatible logger (default: JSON lines on stderr). */
  logger?: Logger;
  /** Largest accepted request body in bytes; overrides general_settings.max_request_size_mb. */
  bodyLimit?: number;
  /** Depth, key and array bounds on a JSON body; override general_settings.max_request_json_*. */
  jsonLimits?: Partial<JsonLimits>;
  /** Where `os.environ/NAME` references are read from (default: process.env). */
  env?: Environment;
  /** The container the gateway's child container is made from (default: tsyringe's root). */
  container?: DependencyContainer;
  clock?: Clock;
  /** The router's random source, `() => number` in [0, 1) (default Math.random); a seeded one makes picks reproducible. */
  random?: () => number;
  /**
   * Called once per finished model request (success or failure) with its usage and cost. Runs
   * after the response is on its way; a slow or throwing listener never affects the response.
   */
  onCost?: CostListener;
  /**
   * Shares the router's cooldowns, in-flight counts and per-minute usage between instances when
   * router_settings names a Redis (`redisRouterState` from `@switchyard/store-redis`; the Express,
   * Koa and standalone packages pass it by default). Without it such a config is warned about
   * and the state stays per process.
   */
  routerState?: RouterStateFactory;
  /**
   * Store implementations, found by `general_settings.database_url`'s scheme (the Express, Koa
   * and server packages pass @switchyard/store-sqlite). Used once a master key is set.
   */
  stores?: readonly StorePlugin[];
  /** An opened key/spend store to use instead of `database_url` (the host closes it). */
  dataStore?: DataStore;
  /** Shared budget/rate counters (default: in-process, for one instance). */
  counterStore?: CounterStore;
  /** Key-cache invalidation between instances (default: this instance only). */
  invalidationBus?: InvalidationBus;
  /**
   * The admin UI's built files, served at `ui/` under the mount (the Express and Koa packages
   * pass `@switchyard/ui`'s folder). `false`, or general_settings.disable_admin_ui, turns it off.
   */
  adminUiDirectory?: string | false;
  /**
   * Serve Prometheus metrics at GET /metrics even without `litellm_settings.callbacks: ["prometheus"]`;
   * `{ public: true }` answers without the master key.
   */
  metrics?: boolean | { readonly public?: boolean };
  /** Create OpenTelemetry spans (through @opentelemetry/api) even without `callbacks: ["otel"]`. */
  tracing?: boolean;
  /** The response cache's store, instead of the one `cache_params.type` names. */
  responseCache?: ResponseCacheStore;
  /** Store factories by `cache_params.type` (`{ redis: redisResponseCache }` from @switchyard/store-redis). */
  cacheStores?: { readonly redis?: ResponseCacheFactory };
  /** Checks GET /health/readiness runs, by name (stores register theirs; see also `gateway.readiness`). */
  readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
}
