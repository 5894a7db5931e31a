import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import { CapabilityStore, type ReloadOptions } from '../capabilities/capability-store.js';
import type { CapabilitySnapshot } from '../capabilities/capability-snapshot.js';
import type { ReloadSummary } from '../capabilities/reload-summary.js';
import { startCapabilityRefresh } from '../capabilities/start-capability-refresh.js';
import { readSettings } from '../config/load-settings.js';
import { configError } from '../config/config-problems.js';
import type { GatewaySettings } from '../config/gateway-settings.js';
import type { GatewayConfig } from '../generated/config.js';
import { CAPABILITY_STORE, CLOCK, LOGGER, PROVIDER_REGISTRY, RANDOM, SETTINGS, type Clock } from '../di/tokens.js';
import { GatewayError } from '../errors/gateway-error.js';
import { toErrorResponse } from '../errors/to-error-response.js';
import { toAnthropicErrorResponse } from '../errors/anthropic-error-body.js';
import { errorResponseForPath } from '../errors/error-response-for-path.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import { resolveJsonLimits, type JsonLimits } from '../http/json-limits.js';
import type { GatewayResponse } from '../http/gateway-response.js';
import { createDefaultLogger, type Logger } from '../logging/logger.js';
import { arrangeStages } from '../pipeline/arrange-stages.js';
import { GatewayContext } from '../pipeline/gateway-context.js';
import type { NamedStage } from '../pipeline/stage.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { composeRouted } from '../router/compose-routed.js';
import { createRouteStage } from '../router/route-stage.js';
import { createRouter } from '../router/router.js';
import { shareRouterState } from '../router/share-router-state.js';
import type { RandomSource } from '../router/strategies.js';
import { GATEWAY_ROUTES } from '../routes/gateway-routes.js';
import { createRouteMatcher } from '../routes/match-route.js';
import { adminUiRoutes } from '../admin-ui/admin-ui-routes.js';
import { createAuthStage } from '../stages/auth-stage.js';
import { createBodyStage } from '../stages/body-stage.js';
import { createCostStage } from '../stages/cost-stage.js';
import { providerStage } from '../stages/provider-stage.js';
import { requestIdOf, requestIdStage } from '../stages/request-id-stage.js';
import { resolveStage } from '../stages/resolve-stage.js';
import { createValidateStage } from '../stages/validate-stage.js';
import { createLimitsStage } from '../stages/limits-stage.js';
import { KeySystem } from '../keys/key-system.js';
import { createSpendRecorder } from '../keys/spend-recorder.js';
import type { GatewayOptions } from './gateway-options.js';
import { createConfigReloader, type ConfigReloadSummary } from './reload-config.js';
import type { GatewayServices } from './gateway-services.js';
import { createResponseCache } from './create-response-cache.js';
import { createCacheStage } from '../cache/cache-stage.js';
import { Readiness } from '../health/readiness.js';
import { createGatewayMetrics, type GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { MetricHooks } from '../metrics/metric-hooks.js';
import { metricsRoute } from '../routes/metrics-route.js';
import { endRouteSpan, runInTrace, startRequestSpan } from '../tracing/request-tracing.js';

export const OVERHEAD_HEADER = 'x-switchyard-overhead-ms';

/** A built gateway: framework-neutral; the Express and Koa packages wrap `handle`. */
export interface Gateway {
  /** Answers one request. Never throws: every failure is an OpenAI-style error response. */
  handle(request: GatewayRequest): Promise<GatewayResponse>;
  /** The settings in force (a config reload replaces the deployments). */
  readonly settings: GatewaySettings;
  readonly bodyLimitBytes: number;
  /** Depth, key and array bounds on a JSON body (general_settings.max_request_json_*). */
  readonly jsonLimits: JsonLimits;
  readonly logger: Logger;
  /** This gateway's own tsyringe container (a child; two gateways share nothing). */
  readonly container: DependencyContainer;
  /** The stage names in the order they run. */
  readonly stageNames: readonly string[];
  snapshot(): CapabilitySnapshot;
  /**
   * Re-reads every capability source, validates and compiles everything, then swaps the new
   * snapshot in atomically (as `POST /reload/model_cost_map` does). Rejects with a GatewayError
   * naming the bad source, leaving the capabilities in force unchanged.
   */
  reload(options?: ReloadOptions): Promise<ReloadSummary>;
  /**
   * Re-reads the config file (or takes `config`), validates all of it and swaps the new
   * deployments in atomically (as `POST /reload/config` and SIGHUP do). Rejects with one
   * GatewayError listing every problem, leaving the deployments in force unchanged.
   */
  reloadConfig(config?: string | GatewayConfig): Promise<ConfigReloadSummary>;
  /** Delivers the spend rows written so far to the key/spend store (tests; before a planned stop). */
  flushSpend(): Promise<void>;
  /** Hooks for gauges only other parts know (queue depth, key budgets); undefined when metrics are off. */
  readonly metrics: MetricHooks | undefined;
  /** GET /health/readiness: register a store's check, or drain before shutdown. */
  readonly readiness: Readiness;
  /** Stops periodic reloads and file watchers, closes upstream connection pools, delivers what it can of the spend outbox. */
  close(): Promise<void>;
}

/**
 * The overhead header on every answer. The span ends here unless the cost stage took the request
 * (it ends a model request's span with its cost event): local routes, and model requests refused
 * before it (a 401, a 413).
 */
function finish(context: GatewayContext, response: GatewayResponse): void {
  response.headers[OVERHEAD_HEADER] = String(context.overheadMs ?? context.measureOverhead());
  if (context.costReported) return;
  if (context.traceContext !== undefined) endRouteSpan(context.traceContext, response.status);
  const metrics = context.services.metrics;
  if (metrics !== undefined && context.route.endpoint !== undefined && response.status >= 400 && response.kind === 'json') {
    metrics.refused(response.status, (response.body as { error?: { code?: unknown } } | null)?.error?.code?.toString() ?? 'error');
  }
}

/**
 * Builds a gateway: reads and validates the config, creates the providers, loads and compiles
 * capabilities, arranges the stages. Everything expensive happens here, once; a bad config
 * throws here, not on the first request.
 */
export function createGateway(options: GatewayOptions = {}): Gateway {
  const container = (options.container ?? rootContainer).createChildContainer();
  const logger = options.logger ?? createDefaultLogger();
  // Every config problem and every deployment no provider serves, reported together.
  const { settings, problems, source } = readSettings({ config: options.config, env: options.env });

  container.register(LOGGER, { useValue: logger });
  container.register(SETTINGS, { useValue: settings });
  container.register(CLOCK, { useValue: options.clock ?? Date.now });
  container.register(RANDOM, { useValue: options.random ?? Math.random });
  container.register(PROVIDER_REGISTRY, {
    useFactory: instanceCachingFactory((c) => new ProviderRegistry(options.providers ?? [], c.resolve<Logger>(LOGGER))),
  });
  container.register(CAPABILITY_STORE, {
    useFactory: instanceCachingFactory((c) => {
      const registry = c.resolve<ProviderRegistry>(PROVIDER_REGISTRY);
      return new CapabilityStore(c.resolve<GatewaySettings>(SETTINGS), registry.plugins, {
        logger: c.resolve<Logger>(LOGGER),
        fetch: settings.sourceFetch,
        servesProvider: (name) => registry.servesProvider(name),
      });
    }),
  });

  // Before the capability store compiles anything: an unservable deployment fails the start here
  // (all of them in one error), or is skipped and named loudly (ignore_invalid_deployments).
  const clock = container.resolve<Clock>(CLOCK);
  const providers = container.resolve<ProviderRegistry>(PROVIDER_REGISTRY);
  const unservable = providers.checkServes(settings.deployments, { ignoreInvalid: settings.ignoreInvalidDeployments });
  for (const problem of unservable.problems) problems.add(problem);
  if (problems.size > 0) {
    void providers.close();
    throw configError(source, problems.lines);
  }
  let keys: KeySystem | undefined;
  try {
    keys =
      settings.masterKey === undefined
        ? undefined
        : new KeySystem({
            masterKey: settings.masterKey,
            settings: settings.keys,
            baseDir: settings.baseDir,
            plugins: options.stores ?? [],
            dataStore: options.dataStore,
            counters: options.counterStore,
            invalidation: options.invalidationBus,
            sharedCounters: settings.router.redis,
            clock,
            logger,
          });
  } catch (error) {
    void providers.close();
    throw error;
  }
  const capabilities = container.resolve<CapabilityStore>(CAPABILITY_STORE);
  const router = createRouter({
    random: container.resolve<RandomSource>(RANDOM),
    clock,
    shareState: shareRouterState({ connection: settings.router.redis, factory: options.routerState, clock, logger }),
  });
  const operations = settings.operations;
  const metricsOption = options.metrics;
  const metrics: GatewayMetrics | undefined =
    operations.metrics || (metricsOption !== undefined && metricsOption !== false)
      ? createGatewayMetrics({ router, snapshot: () => capabilities.current })
      : undefined;
  const metricsPublic = operations.metricsPublic || (typeof metricsOption === 'object' && metricsOption.public === true);
  const tracing = operations.tracing || options.tracing === true;
  const counted = <T>(kind: 'config' | 'capabilities', work: Promise<T>): Promise<T> => {
    if (metrics === undefined) return work;
    return work.then(
      (result) => {
        metrics.reloaded(kind, 'success');
        return result;
      },
      (error: unknown) => {
        metrics.reloaded(kind, 'failure');
        throw error;
      },
    );
  };
  const rawReloadConfig = createConfigReloader({ config: options.config, env: options.env, providers, capabilities, logger });
  const reloadConfig: typeof rawReloadConfig = (config) => counted('config', rawReloadConfig(config));
  const reloadCapabilities = (reloadOptions?: ReloadOptions) => counted('capabilities', capabilities.reload(reloadOptions));
  const readiness = new Readiness();
  keys?.reportTo(readiness, metrics);
  for (const [name, check] of Object.entries(options.readinessChecks ?? {})) readiness.register(name, check);
  const responseCache = createResponseCache({ settings: operations.cache, store: options.responseCache, factories: options.cacheStores, readiness });
  const services: GatewayServices = {
    get settings() {
      return capabilities.settings;
    },
    logger,
    clock,
    providers,
    capabilities,
    startedAt: Math.floor(clock() / 1000),
    reloadConfig,
    configReloadAvailable: typeof options.config === 'string',
    router,
    keys,
    readiness,
    metrics,
  };
  for (const message of unservable.messages) logger.warn({}, `skipping deployments: ${message}`);
  for (const warning of unservable.warnings) logger.warn({}, warning);
  for (const warning of settings.warnings) logger.warn({}, warning);
  if (settings.masterKey === undefined) {
    logger.warn({}, 'no general_settings.master_key: the gateway accepts requests without an API key');
    if (settings.keys.databaseUrl !== undefined) logger.warn({}, 'general_settings.database_url is not used without general_settings.master_key: virtual keys need a master key');
    if (settings.keys.proxy.maxBudget !== null || settings.keys.proxy.maxParallelRequests !== null) {
      logger.warn({}, 'litellm_settings.max_budget and general_settings.global_max_parallel_requests are not enforced without general_settings.master_key');
    }
  }

  const jsonLimits = resolveJsonLimits({ ...settings.jsonLimits, ...options.jsonLimits });
  const defaults: NamedStage[] = [
    { name: 'requestId', run: requestIdStage },
    { name: 'auth', run: createAuthStage(settings.masterKey, keys) },
    { name: 'body', run: createBodyStage(jsonLimits) },
    { name: 'cost', run: createCostStage({ onCost: options.onCost, onRecord: keys === undefined ? undefined : createSpendRecorder(keys), logger, metrics }) },
    { name: 'resolve', run: resolveStage },
    { name: 'limits', run: keys === undefined ? (_context, next) => next() : createLimitsStage(keys) },
    { name: 'cache', run: createCacheStage({ settings: operations.cache, store: responseCache, logger, metrics, clock }) },
    { name: 'route', run: createRouteStage(router) },
    { name: 'validate', run: createValidateStage(settings.dropParams) },
    { name: 'provider', run: providerStage },
  ];
  const stages = arrangeStages(defaults, options.stages);
  const pipeline = composeRouted(stages);
  const matchRoute = createRouteMatcher([
    ...GATEWAY_ROUTES,
    ...adminUiRoutes({ directory: options.adminUiDirectory, disabled: settings.disableAdminUi, logger }),
    ...(metrics === undefined ? [] : [metricsRoute(metrics, { public: metricsPublic })]),
  ]);
  const refresh = startCapabilityRefresh({
    sources: settings.capabilitySources,
    intervalSeconds: settings.reloadIntervalSeconds,
    reload: () => reloadCapabilities(),
    logger,
  });

  return {
    get settings() {
      return capabilities.settings;
    },
    bodyLimitBytes: options.bodyLimit ?? settings.bodyLimitBytes,
    jsonLimits,
    logger,
    container,
    stageNames: stages.map((stage) => stage.name),
    snapshot: () => services.capabilities.current,
    reload: reloadCapabilities,
    reloadConfig,
    flushSpend: () => keys?.flushSpend() ?? Promise.resolve(),
    metrics,
    readiness,
    close: async () => {
      refresh.stop();
      await Promise.all([services.providers.close(), router.sync.close(), keys?.close(), responseCache?.close?.()]);
    },
    async handle(request) {
      const entered = performance.now();
      let context: GatewayContext | undefined;
      try {
        const route = matchRoute(request.method, request.path);
        // While URL sources load for the first time, requests wait for them (bounded by the
        // fetch timeout) rather than meet a model that is only missing for a few seconds.
        const ready = services.capabilities.ready;
        if (ready !== undefined && !route.public) await ready;
        context = new GatewayContext({ request, route, services, snapshot: services.capabilities.current });
        if (tracing) {
          const current = context;
          current.traceContext = startRequestSpan(request, route.name, route.endpoint);
          await runInTrace(current.traceContext, () => pipeline(current));
        } else await pipeline(context);
        const response = context.response;
        if (response === undefined) throw new GatewayError('internal_error', 'No stage produced a response.');
        Object.assign(response.headers, context.responseHeaders);
        finish(context, response);
        return response;
      } catch (error) {
        // Anthropic clients parse Anthropic's error shape (`/v1/messages`), before its route
        // matched too (a GET there is a 405 they read).
        const response =
          context === undefined
            ? errorResponseForPath(error, request.path, logger)
            : context.route.errorShape === 'anthropic'
              ? toAnthropicErrorResponse(toErrorResponse(error, context.logger))
              : toErrorResponse(error, context.logger);
        // Failed before the stages ran (an unknown route): still name the request.
        if (context === undefined) {
          response.headers['x-request-id'] = requestIdOf(request.headers);
          response.headers[OVERHEAD_HEADER] = String(Math.round((performance.now() - entered) * 1000) / 1000);
        } else {
          Object.assign(response.headers, context.responseHeaders);
          finish(context, response);
        }
        return response;
      }
    },
  };
}
