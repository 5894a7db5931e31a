// Public API of @switchyard/core.
export { createGateway, type Gateway } from './gateway/create-gateway.js';
export type { GatewayOptions } from './gateway/gateway-options.js';
export type { GatewayServices } from './gateway/gateway-services.js';
export { loadStaticFiles, type StaticFile, type StaticFiles } from './admin-ui/static-files.js';

export * from './errors/index.js';

export type { GatewayRequest } from './http/gateway-request.js';
export { SSE_DONE, bytesResponse, jsonResponse, type BytesResponse, type GatewayResponse, type JsonResponse, type StreamFormat, type StreamResponse, type SseEvent } from './http/gateway-response.js';
export { SSE_HEADERS, formatSseEvent, parseSseStream, type ParseSseOptions } from './http/sse.js';
export { responsesErrorEvent, sseChunks } from './http/sse-chunks.js';
export { streamEnding, type StreamEnding } from './http/stream-ending.js';
export { fromHostBodyParserError } from './http/host-body-parser-error.js';
export { readRequestBody, parseJsonBody, assertJsonContentType, type ReadRequestBodyOptions } from './http/node/read-json-body.js';
export { writeNodeResponse, clientAbortSignal } from './http/node/write-node-response.js';
export { handleNodeRequest, type NodeRequestOptions } from './http/node/handle-node-request.js';
export { lingerAfterEarlyAnswer, LINGER_LIMITS, type LingerLimits } from './http/node/linger-after-early-answer.js';
export { refuseDeclaredOversize } from './http/node/refuse-declared-oversize.js';
export { DEFAULT_JSON_LIMITS, type JsonLimits } from './http/json-limits.js';
export { checkJsonValue } from './http/check-json-value.js';
export { clip, MAX_QUOTED_CHARS } from './errors/quote-client-value.js';

export { GatewayContext } from './pipeline/gateway-context.js';
export { compose, type Middleware } from './pipeline/compose.js';
export { STAGE_NAMES, type BuiltinStageName, type NamedStage, type Stage, type StagePlacement } from './pipeline/stage.js';

export type { Endpoint, MessagesCall, Provider, ProviderCall, ProviderContext, ProviderPlugin, RouteEndpoint } from './providers/provider.js';
// Anthropic's Messages API: its error shape and the Messages ⇄ Chat bridge.
export { anthropicErrorType, toAnthropicErrorBody, type AnthropicErrorBody } from './errors/anthropic-error-body.js';
export { messagesToChatRequest } from './bridge/messages-to-chat-request.js';
export { chatToMessagesResponse } from './bridge/chat-to-messages-response.js';
export { chatStreamToMessagesEvents } from './bridge/chat-stream-to-messages-events.js';
export { extractMessagesUsage } from './bridge/messages-usage.js';
export { presentedApiKey } from './stages/presented-api-key.js';
// For provider plugins over undici: one keep-alive pool per origin, transport errors as 499/502/504.
export { PoolCache, type PoolOptions } from './providers/upstream/pool-cache.js';
export { mapTransportError, type TransportErrorContext, type TransportTarget } from './providers/upstream/map-transport-error.js';
export {
  openAICompatibleProviders,
  type NotServedProvider,
  type OpenAICompatibleProvider,
  type OpenAICompatibleTable,
} from './providers/openai-compatible-providers.js';

export type { Deployment } from './config/deployment.js';
export type { GatewaySettings, CapabilitySourceSpec } from './config/gateway-settings.js';
export { Secret } from './config/secret.js';
export { loadSettings } from './config/load-settings.js';
export type { GatewayConfig } from './generated/config.js';
export type { CapabilityFile, ModelCapability } from './generated/capability.js';
export type { CapabilitySnapshot, ModelTarget, PreparedRequest } from './capabilities/capability-snapshot.js';
export type { ReloadOptions } from './capabilities/capability-store.js';
export type { ReloadSummary, SourceProblem, SourceSummary } from './capabilities/reload-summary.js';
export type { ConfigReloadSummary } from './gateway/reload-config.js';
export type { Usage } from './cost/usage.js';
export type { CostEvent, CostListener } from './cost/cost-event.js';
export type { AttemptRecord } from './router/attempt-record.js';
export { defaultDeploymentId } from './config/deployment-id.js';
export { ROUTING_STRATEGIES, IMPLEMENTED_ROUTER_KEYS, readRouterSettings, type ErrorClass, type RouterSettings, type RoutingStrategy } from './router/router-settings.js';
export { STRATEGIES, type Candidate, type RandomSource } from './router/strategies.js';
export { DeploymentHealth, RouterState } from './router/deployment-health.js';
export { routeParams } from './router/route-params.js';
export { pickCandidate, toCandidates } from './router/pick-candidate.js';
export { LOCAL_ROUTER_STATE, type AdmitLimits, type AdmitResult, type RouterStateSync, type RouterStateFactory, type RouterStateFactoryOptions } from './router/router-state-sync.js';
export type { RedisConnection } from './router/redis-connection.js';
export type { ModelPricing, PriceRates, PricingTier, ServiceTierPricing } from './cost/model-pricing.js';
export { priceUsage, type Cost, type CostBreakdown, type PriceOptions } from './cost/price-usage.js';
export { extractUsage } from './cost/extract-usage.js';
export { formatAttoUsd, parseAttoUsd } from './cost/atto-usd.js';
export { RESPONSE_COST_HEADER } from './stages/cost-stage.js';
export { convertLitellmMap, type LitellmConversion, type LitellmProblem } from './capabilities/litellm/convert-litellm-map.js';

export { createDefaultLogger, silentLogger, type Logger } from './logging/logger.js';
export * from './redaction/index.js';
export * as tokens from './di/tokens.js';
// For adapters answering a request the gateway never saw (a host body parser's refusal).
export { requestIdOf } from './stages/request-id-stage.js';

// Stores: keys, teams, users, spend, counters (implementations live in @switchyard/store-*).
export type { AttoUsd, BudgetFields, ModelBudget } from './stores/budget-fields.js';
export type {
  BudgetOwner,
  DueBudget,
  KeyListQuery,
  KeyPatch,
  KeyRecord,
  KeyStore,
  ListPage,
  Listed,
  TeamPatch,
  TeamRecord,
  UserPatch,
  UserRecord,
  UserRole,
} from './stores/key-store.js';
export type { SpendAttempt, SpendLogPage, SpendLogQuery, SpendRecord, SpendReportQuery, SpendRollupRow, SpendStore, SpendWriteResult } from './stores/spend-store.js';
export { MAX_SPEND_ATTEMPTS, spendAttemptsFromJson, toSpendAttempts } from './stores/spend-attempts.js';
export { compareGroups, summarizeRollups, totalsOf, type SpendSummary, type SpendSummaryGroup, type SpendSummaryPoint, type SpendSummaryQuery } from './stores/spend-summary.js';
export type {
  BudgetCharge,
  BudgetState,
  CounterStore,
  ParallelCharge,
  RateCharge,
  RateWindowState,
  Refusal,
  Reservation,
  ReserveOutcome,
  ReserveRequest,
  Settlement,
} from './stores/counter-store.js';
export { createInProcessCounterStore } from './stores/in-process-counter-store.js';
export { createLocalInvalidationBus, type Invalidation, type InvalidationBus, type InvalidationListener } from './stores/invalidation-bus.js';
export type {
  CounterStoreConnectOptions,
  CounterStoreOpenOptions,
  CounterStorePlugin,
  DataStore,
  DataStoreOpenOptions,
  DataStorePlugin,
  SharedCounters,
  StorePlugin,
} from './stores/store-plugin.js';
export { recordFromJson, recordToJson } from './stores/record-json.js';
// Operations (docs/operations.md): metrics hooks, readiness, the response cache, tracing, the access log.
export type { MetricHooks, GaugeSample, KeyBudget } from './metrics/metric-hooks.js';
export { hashLabel, OVERFLOW_LABEL } from './metrics/bounded-label.js';
export { Readiness, type ReadinessCheck, type ReadinessResult } from './health/readiness.js';
export type { ResponseCacheStore, ResponseCacheFactory } from './cache/response-cache-store.js';
export { memoryResponseCache } from './cache/memory-response-cache.js';
export { CACHE_HEADER } from './cache/cache-stage.js';
export { OVERHEAD_HEADER } from './gateway/create-gateway.js';
export type { OperationsSettings, CacheSettings } from './config/operations-settings.js';
export type { TextResponse } from './http/gateway-response.js';
export { createAccessLog, type LineSink } from './logging/access-log.js';
export { REDACTED_LOG_PATHS } from './logging/logger.js';
