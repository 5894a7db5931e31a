import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';
import type { CapabilitySnapshot } from '../capabilities/capability-snapshot.js';
import type { CostEvent } from '../cost/cost-event.js';
import type { Router } from '../router/router.js';
import { routeParams } from '../router/route-params.js';
import { BoundedLabel } from './bounded-label.js';
import type { GaugeSample, KeyBudget, MetricHooks } from './metric-hooks.js';

/** Seconds; LiteLLM's latency buckets, thinned. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5];
const KEY_LIMIT = 1000;
const END_USER_LIMIT = 100;

/** Who sent a request and what it asked for, as the cost stage knows it. */
export interface RequestLabels {
  /** The bearer token as sent; only its hash becomes a label. */
  readonly apiKey: string | undefined;
  /** The OpenAI `user` field. */
  readonly user: string | undefined;
  /** The resolved model group ('' when the model did not resolve: free-form names are not labels). */
  readonly modelGroup: string;
  /** The deployment's `litellm_params.model` (provider/model). */
  readonly litellmModel: string;
}

export interface GatewayMetrics extends MetricHooks {
  /** One finished model request (the cost event), with who sent it. */
  observe(event: CostEvent, labels: RequestLabels): void;
  /** A model request refused before the cost stage (a 401, a 413): counted, with no key or user label. */
  refused(status: number, errorCode: string): void;
  requestStarted(): void;
  requestFinished(): void;
  cacheLookup(result: 'hit' | 'miss'): void;
  reloaded(kind: 'config' | 'capabilities', outcome: 'success' | 'failure'): void;
  /** The Prometheus text exposition of everything. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  readonly router: Router;
  readonly snapshot: () => CapabilitySnapshot;
  /** Distinct hashed `end_user` values kept before the rest count as `__other__` (default 100). */
  readonly endUserLimit?: number;
}

/**
 * The gateway's Prometheus metrics, in a registry of its own (two gateways never mix). prom-client
 * is loaded here, only when `callbacks: ["prometheus"]` asks for metrics, so a gateway without
 * them never pays for the library. Names follow LiteLLM's documented metrics where the meaning
 * matches; Switchyard's own are `switchyard_*` (docs/operations.md lists them all).
 */
export function createGatewayMetrics(options: MetricsOptions): GatewayMetrics {
  const prom = createRequire(import.meta.url)('prom-client') as typeof PromClient;
  const registry = new prom.Registry();
  const registers = [registry];
  const keys = new BoundedLabel(KEY_LIMIT);
  const users = new BoundedLabel(options.endUserLimit ?? END_USER_LIMIT);
  // Prometheus' Python client (LiteLLM's) writes counters with a `_total` suffix; so do these,
  // so LiteLLM dashboards find `litellm_proxy_total_requests_metric_total` under its usual name.
  const counter = (name: string, help: string, labelNames: readonly string[]) =>
    new prom.Counter({ name: name.endsWith('_total') ? name : `${name}_total`, help, labelNames, registers });
  const histogram = (name: string, help: string, labelNames: readonly string[], buckets: number[]) =>
    new prom.Histogram({ name, help, labelNames, buckets, registers });

  const who = ['hashed_api_key', 'end_user', 'requested_model'];
  const totalRequests = counter('litellm_proxy_total_requests_metric', 'Requests to the gateway, by status code.', [...who, 'status_code']);
  const failedRequests = counter('litellm_proxy_failed_requests_metric', 'Requests that failed, by status and error code.', [...who, 'exception_status', 'exception_class']);
  const deploymentRequests = counter('litellm_requests_metric', 'Requests answered by a deployment.', [...who, 'model']);
  const spend = counter('litellm_spend_metric', 'Spend in USD (priced requests only; cache hits cost 0).', [...who, 'model']);
  const inputTokens = counter('litellm_input_tokens_metric', 'Input tokens the upstream reported.', [...who, 'model']);
  const outputTokens = counter('litellm_output_tokens_metric', 'Output tokens the upstream reported.', [...who, 'model']);
  const totalTokens = counter('litellm_total_tokens_metric', 'Input + output tokens.', [...who, 'model']);
  const totalLatency = histogram('litellm_request_total_latency_metric', 'Seconds from entering the gateway to the end of the response.', ['hashed_api_key', 'requested_model', 'model'], LATENCY_BUCKETS);
  const apiLatency = histogram('litellm_llm_api_latency_metric', 'Seconds per upstream call (each attempt).', ['requested_model', 'model', 'model_id'], LATENCY_BUCKETS);
  const firstToken = histogram('litellm_llm_api_time_to_first_token_metric', 'Seconds to the first stream event.', ['requested_model', 'model'], LATENCY_BUCKETS);
  const overhead = histogram('litellm_overhead_latency_metric', 'Seconds spent in the gateway itself (excluding the upstream).', ['model_group', 'api_provider', 'litellm_model_name', 'hashed_api_key'], OVERHEAD_BUCKETS);
  const fallbackLabels = ['requested_model', 'fallback_model', 'hashed_api_key', 'exception_status', 'exception_class'];
  const goodFallbacks = counter('litellm_deployment_successful_fallbacks', 'Requests a fallback model group answered.', fallbackLabels);
  const badFallbacks = counter('litellm_deployment_failed_fallbacks', 'Requests whose fallbacks failed too.', fallbackLabels);
  const unpriced = counter('switchyard_unpriced_requests_total', 'Successful requests with no price (cost unknown, not counted in litellm_spend_metric).', ['requested_model', 'model']);
  const cache = counter('switchyard_cache_requests_total', 'Response cache lookups, by result.', ['result']);
  const reloads = counter('switchyard_reloads_total', 'Config and capability reloads, by outcome.', ['kind', 'outcome']);
  let inFlight = 0;
  new prom.Gauge({
    name: 'litellm_in_flight_requests',
    help: 'Model requests in the gateway now (streams until they end).',
    registers,
    collect() {
      this.set(inFlight);
    },
  });
  deploymentGauges(prom, registers, options);

  const queues = new Map<string, () => number>();
  new prom.Gauge({
    name: 'switchyard_queue_depth',
    help: 'Items waiting in a bounded queue (spend outbox, …).',
    labelNames: ['queue'],
    registers,
    collect() {
      this.reset();
      for (const [queue, read] of queues) this.set({ queue }, safeRead(read, 0));
    },
  });
  const budgetSources: (() => Iterable<KeyBudget>)[] = [];
  new prom.Gauge({
    name: 'litellm_remaining_api_key_budget_metric',
    help: 'Remaining budget of an API key, USD.',
    labelNames: ['hashed_api_key', 'api_key_alias'],
    registers,
    collect() {
      this.reset();
      for (const read of budgetSources) {
        for (const budget of safeRead(read, [])) this.set({ hashed_api_key: budget.hashedApiKey, api_key_alias: budget.alias ?? '' }, budget.remaining);
      }
    },
  });

  return {
    contentType: registry.contentType,
    observe(event, labels) {
      const base = { hashed_api_key: keys.of(labels.apiKey), end_user: users.of(labels.user), requested_model: labels.modelGroup };
      const status = String(event.status);
      totalRequests.inc({ ...base, status_code: status });
      if (event.outcome !== 'success') failedRequests.inc({ ...base, exception_status: status, exception_class: event.errorCode ?? '' });
      const withModel = { ...base, model: labels.litellmModel };
      if (event.deployment !== null) deploymentRequests.inc(withModel);
      if (event.cost !== null) spend.inc(withModel, Number(event.cost));
      else if (event.outcome === 'success' && event.cache !== 'hit') unpriced.inc({ requested_model: labels.modelGroup, model: labels.litellmModel });
      // A cache hit called no upstream: its stored usage is not counted again.
      if (event.usage !== null && event.cache !== 'hit') {
        inputTokens.inc(withModel, event.usage.inputTokens);
        outputTokens.inc(withModel, event.usage.outputTokens);
        totalTokens.inc(withModel, event.usage.inputTokens + event.usage.outputTokens);
      }
      totalLatency.observe({ hashed_api_key: base.hashed_api_key, requested_model: labels.modelGroup, model: labels.litellmModel }, event.durationMs / 1000);
      if (event.timeToFirstTokenMs !== null) firstToken.observe({ requested_model: labels.modelGroup, model: labels.litellmModel }, event.timeToFirstTokenMs / 1000);
      if (event.overheadMs !== null) {
        overhead.observe({ model_group: labels.modelGroup, api_provider: event.provider ?? '', litellm_model_name: labels.litellmModel, hashed_api_key: base.hashed_api_key }, event.overheadMs / 1000);
      }
      for (const attempt of event.attempts) apiLatency.observe({ requested_model: attempt.modelGroup, model: labels.litellmModel, model_id: attempt.deployment }, attempt.durationMs / 1000);
      observeFallbacks(event, base.hashed_api_key, labels.modelGroup, { good: goodFallbacks, bad: badFallbacks });
    },
    refused(status, errorCode) {
      const base = { hashed_api_key: '', end_user: '', requested_model: '' };
      totalRequests.inc({ ...base, status_code: String(status) });
      failedRequests.inc({ ...base, exception_status: String(status), exception_class: errorCode });
    },
    requestStarted: () => void inFlight++,
    requestFinished: () => void inFlight--,
    cacheLookup: (result) => cache.inc({ result }),
    reloaded: (kind, outcome) => reloads.inc({ kind, outcome }),
    render: () => registry.metrics(),
    queueDepth: (queue, read) => void queues.set(queue, read),
    keyBudgets: (read) => void budgetSources.push(read),
    gauge(name, help, labelNames, read) {
      new prom.Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const sample of safeRead<Iterable<GaugeSample>>(read, [])) this.set(sample.labels, sample.value);
        },
      });
    },
  };
}

function observeFallbacks(
  event: CostEvent,
  hashedApiKey: string,
  requested: string,
  counters: { good: PromClient.Counter; bad: PromClient.Counter },
): void {
  const fallbacks = event.attempts.filter((attempt) => attempt.fallback);
  if (fallbacks.length === 0) return;
  const first = event.attempts.find((attempt) => !attempt.fallback);
  const last = fallbacks[fallbacks.length - 1]!;
  const primaryGroup = first?.modelGroup ?? requested;
  const labels = {
    requested_model: primaryGroup,
    fallback_model: last.modelGroup,
    hashed_api_key: hashedApiKey,
    exception_status: String(first?.status ?? ''),
    exception_class: first?.errorCode ?? '',
  };
  (event.outcome === 'success' ? counters.good : counters.bad).inc(labels);
}

/**
 * `litellm_deployment_state` (0 healthy, 1 failures this minute, 2 cooling down) and
 * `litellm_deployment_cooled_down` (times a deployment was cooled down), read from the router's
 * state at scrape time: nothing is added to the request path.
 */
function deploymentGauges(prom: typeof PromClient, registers: PromClient.Registry[], options: MetricsOptions): void {
  const labelNames = ['litellm_model_name', 'model_id', 'api_provider', 'model_group'];
  const each = (visit: (labels: Record<string, string>, health: ReturnType<Router['state']['peek']>) => void) => {
    const seen = new Set<string>();
    for (const targets of options.snapshot().targets.values()) {
      for (const target of targets) {
        const deployment = target.deployment;
        if (seen.has(deployment.id)) continue;
        seen.add(deployment.id);
        const labels = { litellm_model_name: `${deployment.provider}/${deployment.upstreamModel}`, model_id: deployment.id, api_provider: deployment.provider, model_group: deployment.modelName };
        visit(labels, options.router.state.peek(routeParams(target).healthId));
      }
    }
  };
  new prom.Gauge({
    name: 'litellm_deployment_state',
    help: 'Deployment state: 0 healthy, 1 partial outage (failures this minute), 2 outage (cooling down).',
    labelNames,
    registers,
    collect() {
      this.reset();
      const now = options.router.clock();
      each((labels, health) => {
        if (health !== undefined) health.roll(now);
        const state = health === undefined ? 0 : health.coolingDown(now) ? 2 : health.failures > 0 ? 1 : 0;
        this.set(labels, state);
      });
    },
  });
  new prom.Counter({
    name: 'litellm_deployment_cooled_down_total',
    help: 'Times the router cooled a deployment down.',
    labelNames,
    registers,
    collect() {
      this.reset();
      each((labels, health) => this.inc(labels, health?.cooldowns ?? 0));
    },
  });
}

function safeRead<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
