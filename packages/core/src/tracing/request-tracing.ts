import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { CostEvent } from '../cost/cost-event.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Endpoint, RouteEndpoint } from '../providers/provider.js';

const tracer = () => trace.getTracer('switchyard');

/** GenAI semantic-convention operation names, by endpoint. */
const OPERATION: Readonly<Record<RouteEndpoint, string>> = { 'chat.completions': 'chat', responses: 'chat', embeddings: 'embeddings', messages: 'chat' };

/**
 * Starts the request's span, continuing the caller's `traceparent` (whatever propagator the
 * host's SDK registered; W3C by default). Without an SDK every call here is the API's no-op.
 */
export function startRequestSpan(request: GatewayRequest, routeName: string, endpoint: RouteEndpoint | undefined): Context {
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const name = endpoint === undefined ? `${request.method} ${routeName}` : OPERATION[endpoint];
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': routeName } }, parent);
  if (endpoint !== undefined) span.setAttribute('gen_ai.operation.name', OPERATION[endpoint]);
  return trace.setSpan(parent, span);
}

export function runInTrace<T>(traceContext: Context | undefined, work: () => T): T {
  return traceContext === undefined ? work() : otelContext.with(traceContext, work);
}

/** Ends a local route's span (health, models), or a model request's refused before the cost stage (401, 413). */
export function endRouteSpan(traceContext: Context, status: number): void {
  const span = trace.getSpan(traceContext);
  if (span === undefined) return;
  span.setAttribute('http.response.status_code', status);
  if (status >= 400) span.setAttribute('error.type', String(status));
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Ends a model request's span with the GenAI attributes, once its cost event is known (for a stream: at its end). */
export function endRequestSpan(traceContext: Context, event: CostEvent, response: { model?: unknown; finishReasons?: readonly string[] }): void {
  const span = trace.getSpan(traceContext);
  if (span === undefined) return;
  span.setAttribute('http.response.status_code', event.status);
  if (event.model !== null) span.setAttribute('gen_ai.request.model', event.model);
  if (event.provider !== null) span.setAttribute('gen_ai.system', event.provider);
  if (typeof response.model === 'string') span.setAttribute('gen_ai.response.model', response.model);
  if (response.finishReasons !== undefined && response.finishReasons.length > 0) span.setAttribute('gen_ai.response.finish_reasons', [...response.finishReasons]);
  if (event.usage !== null) {
    span.setAttribute('gen_ai.usage.input_tokens', event.usage.inputTokens);
    span.setAttribute('gen_ai.usage.output_tokens', event.usage.outputTokens);
  }
  if (event.deployment !== null) span.setAttribute('switchyard.deployment', event.deployment);
  if (event.cost !== null) span.setAttribute('switchyard.cost_usd', Number(event.cost));
  if (event.cache !== null) span.setAttribute('switchyard.cache', event.cache);
  if (event.overheadMs !== null) span.setAttribute('switchyard.overhead_ms', event.overheadMs);
  span.setAttribute('switchyard.attempts', event.attempts.length);
  if (event.outcome !== 'success') {
    span.setAttribute('error.type', event.errorCode ?? 'error');
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.errorCode ?? undefined });
  }
  span.end();
}

/** A child span for one upstream call; active while the call is made, so its traceparent goes upstream. */
export function startAttemptSpan(parent: Context, attributes: { system: string; requestModel: string; deployment: string; endpoint: Endpoint }): { span: Span; context: Context } {
  const span = tracer().startSpan(
    `${OPERATION[attributes.endpoint]} ${attributes.requestModel}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': OPERATION[attributes.endpoint],
        'gen_ai.system': attributes.system,
        'gen_ai.request.model': attributes.requestModel,
        'switchyard.deployment': attributes.deployment,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

export function endAttemptSpan(span: Span, outcome: { status: number; errorCode?: string | undefined }): void {
  span.setAttribute('http.response.status_code', outcome.status);
  if (outcome.errorCode !== undefined) {
    span.setAttribute('error.type', outcome.errorCode);
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.errorCode });
  }
  span.end();
}
