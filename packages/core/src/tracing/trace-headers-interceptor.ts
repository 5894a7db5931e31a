import { context, propagation, trace } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';

/**
 * An undici interceptor every provider's pool gets (PoolCache): when the call runs inside a span
 * (the gateway's attempt span), the registered propagator writes `traceparent` (and `tracestate`)
 * into the upstream request's headers. Outside a span, or without an OTel SDK, it only looks.
 */
export const traceHeadersInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
  const active = context.active();
  if (trace.getSpan(active) === undefined) return dispatch(options, handler);
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  if (Object.keys(carrier).length === 0) return dispatch(options, handler);
  const headers = options.headers;
  if (headers === undefined || headers === null) return dispatch({ ...options, headers: carrier }, handler);
  if (Array.isArray(headers)) return dispatch({ ...options, headers: [...headers, ...Object.entries(carrier).flat()] }, handler);
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return dispatch({ ...options, headers: [...(headers as Iterable<[string, string]>), ...Object.entries(carrier)] as never }, handler);
  }
  return dispatch({ ...options, headers: { ...(headers as Record<string, string>), ...carrier } }, handler);
};
