import type { Context as TraceContext } from '@opentelemetry/api';
import type { CapabilitySnapshot, ModelTarget } from '../capabilities/capability-snapshot.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { GatewayResponse } from '../http/gateway-response.js';
import type { Logger } from '../logging/logger.js';
import type { Route } from '../routes/route.js';
import type { GatewayServices } from '../gateway/gateway-services.js';
import type { Usage } from '../cost/usage.js';
import type { AttemptRecord } from '../router/attempt-record.js';
import type { Principal } from '../keys/principal.js';
import type { RequestAccount } from '../keys/request-accounts.js';

/**
 * The state of one request as it moves through the stages. Stages read the request, fill in
 * what they are responsible for, and set `response` (the provider stage) or throw.
 */
export class GatewayContext {
  readonly request: GatewayRequest;
  readonly route: Route;
  readonly services: GatewayServices;
  /** The capability snapshot this request started with; a reload does not change it. */
  readonly snapshot: CapabilitySnapshot;
  /** `performance.now()` when the request entered the gateway. */
  readonly startedAt: number;
  requestId = '';
  logger: Logger;
  /** The JSON body that will go upstream. Stages may replace it (validation drops params). */
  body: Record<string, unknown>;
  /** The `model` the client asked for. */
  model: string | undefined;
  /** The deployment of the current attempt: the resolve stage's first, then the route stage's pick. */
  target: ModelTarget | undefined;
  /** Every deployment of the requested model group (set by resolve; the route stage picks among them). */
  targets: readonly ModelTarget[] | undefined;
  /** The model group's name: the `model_name` (or the alias's target, or the concrete wildcard name). */
  modelGroup: string | undefined;
  /** The route stage's calls so far, for the cost event. */
  attempts: AttemptRecord[] | undefined;
  /** Set by the route stage during an attempt with its own timer: the client's signal plus the timeout. */
  attemptSignal: AbortSignal | undefined;
  /** Set by the provider stage (or by any stage that answers early). */
  response: GatewayResponse | undefined;
  /** Token usage reported by the upstream, once known (at stream end for streams). */
  usage: Usage | undefined;
  /** Cost in USD as a decimal string, or null when the model has no price. */
  cost: string | null | undefined;
  /** Who is calling (set by the auth stage): the master key or a virtual key; undefined on an open gateway. */
  principal: Principal | undefined;
  /** The virtual-key bookkeeping of a model request: its call id and budget reservation (keys/request-accounts.ts). */
  account: RequestAccount | undefined;
  /** Milliseconds spent waiting for upstreams so far (the provider calls, a stream's first event). */
  upstreamMs = 0;
  /** Gateway time excluding the upstream, fixed when the response is ready (`x-switchyard-overhead-ms`). */
  overheadMs: number | undefined;
  /** For a stream: ms from entering the gateway to its first event. */
  firstEventMs: number | undefined;
  /** The response cache's answer for this request, when the cache was used. */
  cache: 'hit' | 'miss' | undefined;
  /** The request's OpenTelemetry context (its span), when tracing is on. */
  traceContext: TraceContext | undefined;
  /** Set by the cost stage: it ends the request's span with the cost event (for a stream, at its end). */
  costReported = false;
  /** Headers added to whatever response goes out, error responses included. */
  readonly responseHeaders: Record<string, string> = {};
  /** Free space for host stages. */
  readonly state: Record<string, unknown> = {};

  constructor(options: { request: GatewayRequest; route: Route; services: GatewayServices; snapshot: CapabilitySnapshot }) {
    this.request = options.request;
    this.route = options.route;
    this.services = options.services;
    this.snapshot = options.snapshot;
    this.logger = options.services.logger;
    this.startedAt = performance.now();
    const body = options.request.body;
    this.body = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  }

  /** The client's abort signal, or during a timed attempt the attempt's (client or timeout). */
  get signal(): AbortSignal {
    return this.attemptSignal ?? this.request.signal;
  }

  /** Adds a header to the response, whichever stage ends up writing it. */
  setHeader(name: string, value: string): void {
    this.responseHeaders[name.toLowerCase()] = value;
  }

  /** Time in the gateway so far, excluding the upstream, in ms rounded to µs. */
  measureOverhead(): number {
    return Math.round((performance.now() - this.startedAt - this.upstreamMs) * 1000) / 1000;
  }

  /** A request header's first value. */
  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }
}
