import type { CostEvent, CostListener } from '../cost/cost-event.js';
import { createCostEmitter } from '../cost/create-cost-emitter.js';
import { createTargetPricer } from '../cost/create-target-pricer.js';
import { extractUsage } from '../cost/extract-usage.js';
import { extractMessagesUsage } from '../bridge/messages-usage.js';
import { meterStream, type StreamEnd } from '../cost/meter-stream.js';
import { isGatewayError } from '../errors/gateway-error.js';
import type { Logger } from '../logging/logger.js';
import { deploymentRedactor } from '../redaction/deployment-redactor.js';
import { safeErrorCode } from '../redaction/safe-error-code.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Stage } from '../pipeline/stage.js';
import type { RouteEndpoint } from '../providers/provider.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { endRequestSpan } from '../tracing/request-tracing.js';
import { presentedApiKey } from './presented-api-key.js';

export const RESPONSE_COST_HEADER = 'x-switchyard-response-cost';

export interface CostStageOptions {
  readonly onCost?: CostListener | undefined;
  /** Called synchronously with each event and its request (settles budget reservations, writes spend). */
  readonly onRecord?: ((event: CostEvent, context: GatewayContext) => void) | undefined;
  readonly logger: Logger;
  /** Prometheus metrics (callbacks: ["prometheus"]): fed from the same event, synchronously. */
  readonly metrics?: GatewayMetrics | undefined;
}

interface RequestResult {
  readonly status: number;
  readonly outcome: CostEvent['outcome'];
  /** Defaults to upstream_error: an error JSON answer or an error event inside a stream. */
  readonly errorCode?: string | undefined;
  readonly serviceTier?: string | undefined;
  /** A stream's `model` as its usage chunk named it (the span's gen_ai.response.model). */
  readonly responseModel?: unknown;
}

/**
 * Prices every model request and reports it. It wraps everything after auth, so that a request
 * failing in resolve, validate or the provider still yields its one cost event. On the way in
 * it asks a chat stream's upstream for usage; on the way out it prices a JSON response (and
 * sets `x-switchyard-response-cost`) or meters a stream and prices it when the stream ends.
 */
export function createCostStage(options: CostStageOptions): Stage {
  const emit = createCostEmitter(options.onCost, options.logger);
  const price = createTargetPricer(options.logger);

  const record = options.onRecord;
  const metrics = options.metrics;
  const report = (context: GatewayContext, endpoint: RouteEndpoint, result: RequestResult) => {
    metrics?.requestFinished();
    if (emit === undefined && record === undefined && metrics === undefined && context.traceContext === undefined) return;
    const deployment = context.target?.deployment;
    const event: CostEvent = {
      requestId: context.requestId,
      endpoint,
      model: context.model ?? null,
      deployment: deployment?.id ?? null,
      provider: deployment?.provider ?? null,
      stream: context.response?.kind === 'stream' || (context.response === undefined && context.body.stream === true),
      status: result.status,
      outcome: result.outcome,
      errorCode: result.outcome === 'success' ? null : result.outcome === 'aborted' ? 'client_closed_request' : (result.errorCode ?? 'upstream_error'),
      usage: context.usage ?? null,
      cost: context.cost ?? null,
      serviceTier: result.serviceTier ?? null,
      durationMs: Math.round((performance.now() - context.startedAt) * 1000) / 1000,
      overheadMs: context.overheadMs ?? null,
      timeToFirstTokenMs: context.firstEventMs ?? null,
      cache: context.cache ?? null,
      attempts: context.attempts ?? [],
    };
    if (record !== undefined) {
      try {
        record(event, context);
      } catch (error) {
        options.logger.error({ err: (error as Error).message, requestId: event.requestId }, 'spend recording failed');
      }
    }
    emit?.(event);
    if (metrics !== undefined) {
      const user = context.request.body !== null && typeof context.request.body === 'object' ? (context.request.body as { user?: unknown }).user : undefined;
      metrics.observe(event, {
        apiKey: presentedApiKey(context),
        user: typeof user === 'string' ? user : undefined,
        modelGroup: context.modelGroup ?? '',
        litellmModel: deployment === undefined ? '' : `${deployment.provider}/${deployment.upstreamModel}`,
      });
    }
    if (context.traceContext !== undefined) {
      const facts = responseFacts(context);
      endRequestSpan(context.traceContext, event, result.responseModel === undefined ? facts : { ...facts, model: result.responseModel });
    }
  };

  return async (context, next) => {
    const endpoint = context.route.endpoint;
    if (endpoint === undefined) return next();
    const clientAskedForUsage = askForStreamUsage(context, endpoint);
    // A Message's usage counts input without the cache; read in its own terms.
    const readUsage = endpoint === 'messages' ? extractMessagesUsage : extractUsage;
    context.costReported = true;
    metrics?.requestStarted();
    try {
      await next();
      context.overheadMs = context.measureOverhead();
    } catch (error) {
      context.overheadMs = context.measureOverhead();
      const status = isGatewayError(error) ? error.status : 500;
      report(context, endpoint, { status, outcome: context.signal.aborted ? 'aborted' : 'error', errorCode: errorCode(error, context) });
      throw error;
    }
    const response = context.response;
    if (response === undefined) return report(context, endpoint, { status: 500, outcome: 'error', errorCode: 'internal_error' });

    if (response.kind === 'json') {
      const ok = response.status >= 200 && response.status < 300;
      const body = (response.body ?? {}) as Record<string, unknown>;
      const serviceTier = serviceTierOf(body.service_tier, context.body.service_tier);
      if (ok && context.target !== undefined) {
        context.usage = readUsage(body.usage);
        // A cache hit called no upstream: it costs nothing.
        context.cost = context.cache === 'hit' ? '0' : price(context.target, context.usage, serviceTier, { model: body.model, entries: context.snapshot.entries });
        if (context.cost !== null) context.setHeader(RESPONSE_COST_HEADER, context.cost);
      }
      return report(context, endpoint, { status: response.status, outcome: ok ? 'success' : 'error', serviceTier });
    }

    if (response.kind !== 'stream') return report(context, endpoint, { status: response.status, outcome: response.status < 400 ? 'success' : 'error' });
    context.firstEventMs = Math.round((performance.now() - context.startedAt) * 1000) / 1000;
    let started = false;
    let ended = false;
    const end = ({ usage, serviceTier, model, outcome, error }: StreamEnd) => {
      if (ended) return;
      ended = true;
      context.signal.removeEventListener('abort', abandoned);
      const tier = serviceTierOf(serviceTier, context.body.service_tier);
      context.usage = readUsage(usage);
      if (context.cache === 'hit') context.cost = '0';
      else if (context.target !== undefined && (outcome === 'success' || context.usage !== undefined)) {
        context.cost = price(context.target, context.usage, tier, { model, entries: context.snapshot.entries });
      }
      const aborted = outcome === 'aborted' || (outcome === 'error' && context.signal.aborted);
      const code = error === undefined ? undefined : errorCode(error, context);
      report(context, endpoint, { status: response.status, outcome: aborted ? 'aborted' : outcome, errorCode: code, serviceTier: tier, responseModel: model });
    };
    // A client that leaves before the adapter starts reading never calls the meter's next() or
    // return() (Koa destroys a body stream it never read), so the abort signal reports it.
    const abandoned = () => {
      if (!started) end({ usage: undefined, serviceTier: undefined, model: undefined, outcome: 'aborted', error: undefined });
    };
    context.signal.addEventListener('abort', abandoned, { once: true });
    response.events = meterStream(response.events, {
      format: endpoint === 'responses' ? 'responses' : endpoint === 'messages' ? 'messages' : 'chat',
      stripUsage: !clientAskedForUsage,
      onStart: () => (started = true),
      onEnd: end,
    });
  };
}

/**
 * For a chat stream, makes the upstream send usage (`stream_options.include_usage`) even when
 * the client did not ask, so a stream is priced like any request. Returns whether the client
 * asked itself, i.e. whether it should see the usage chunk.
 */
function askForStreamUsage(context: GatewayContext, endpoint: RouteEndpoint): boolean {
  if (endpoint !== 'chat.completions' || context.body.stream !== true) return true;
  const streamOptions = context.body.stream_options;
  // Not an object: left alone for validation to reject with the client's own value.
  if (streamOptions !== undefined && streamOptions !== null && (typeof streamOptions !== 'object' || Array.isArray(streamOptions))) return true;
  if ((streamOptions as Record<string, unknown> | null | undefined)?.include_usage === true) return true;
  // A copy: the client's body object may be the host's `req.body`. Object.assign, not spread:
  // object spread costs about 1 µs on Node 20, assign a tenth of that.
  const body = Object.assign({}, context.body);
  body.stream_options = Object.assign({}, streamOptions, { include_usage: true });
  context.body = body;
  return false;
}

function serviceTierOf(reported: unknown, requested: unknown): string | undefined {
  if (typeof reported === 'string') return reported;
  return typeof requested === 'string' ? requested : undefined;
}

/**
 * The cost event (and so the access log) carries a gateway code, or an upstream code only when
 * it is code-shaped and holds no credential: an upstream may echo the key in `code`.
 */
function errorCode(error: unknown, context: GatewayContext): string {
  return isGatewayError(error) ? safeErrorCode(error.code, deploymentRedactor(context.target?.deployment)) : 'internal_error';
}

/** What the span reports of the answer: the model the upstream named and the finish reasons (JSON answers). */
function responseFacts(context: GatewayContext): { model?: unknown; finishReasons?: readonly string[] } {
  const response = context.response;
  if (response?.kind !== 'json' || response.body === null || typeof response.body !== 'object') return {};
  const body = response.body as { model?: unknown; choices?: unknown; status?: unknown };
  const finishReasons = Array.isArray(body.choices)
    ? body.choices.flatMap((choice: { finish_reason?: unknown }) => (typeof choice?.finish_reason === 'string' ? [choice.finish_reason] : []))
    : typeof body.status === 'string'
      ? [body.status]
      : undefined;
  return { model: body.model, ...(finishReasons === undefined ? {} : { finishReasons }) };
}
