import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { Route } from './route.js';

/**
 * `GET /metrics`: the Prometheus text exposition. Needs the master key (as every management
 * route) unless `litellm_settings.require_auth_for_metrics_endpoint: false` makes it public.
 */
export function metricsRoute(metrics: GatewayMetrics, options: { public: boolean }): Route {
  return {
    name: 'metrics',
    method: 'GET',
    paths: ['/metrics'],
    public: options.public,
    async handle() {
      return { kind: 'text', status: 200, headers: {}, contentType: metrics.contentType, body: await metrics.render() };
    },
  };
}
