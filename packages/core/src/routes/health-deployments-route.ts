import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import { jsonResponse } from '../http/gateway-response.js';
import { routeParams } from '../router/route-params.js';
import type { Route } from './route.js';

/**
 * `GET /health/deployments` (master key): every deployment of the snapshot with the router's
 * view of it — healthy or cooling down until when and why, calls in flight, this minute's
 * requests, failures and tokens, recent latency and the smoothed error rate. Ids and names
 * only: never a key or an api_base.
 */
export const healthDeploymentsRoute: Route = {
  name: 'health.deployments',
  method: 'GET',
  paths: ['/health/deployments'],
  handle: ({ snapshot, services }) => {
    const { state, clock } = services.router;
    const ttl = services.settings.router.latencyTtlMs;
    const now = clock();
    // Wildcard deployments are listed once each (their concrete models share the deployment's health).
    const wildcards = snapshot.wildcards.routes.flatMap((route) => route.deployments.map((deployment) => ({ deployment }) as ModelTarget));
    const deployments = [...[...snapshot.targets.values()].flat(), ...wildcards].map((target: ModelTarget) => {
      const params = routeParams(target);
      const health = state.peek(params.healthId);
      if (health !== undefined) health.roll(now);
      const cooling = health !== undefined && health.coolingDown(now);
      const latency = health?.averageLatency(now, ttl);
      return {
        id: target.deployment.id,
        model_name: target.deployment.modelName,
        provider: target.deployment.provider,
        state: cooling ? 'cooling_down' : 'healthy',
        cooldown_until: cooling ? new Date(health.cooldownUntil).toISOString() : null,
        cooldown_reason: cooling ? health.cooldownReason : null,
        in_flight: health?.inFlight ?? 0,
        requests_this_minute: health?.requests ?? 0,
        failures_this_minute: health?.failures ?? 0,
        tokens_this_minute: health?.tokens ?? 0,
        latency_ms: latency === undefined || Number.isNaN(latency) ? null : Math.round(latency * 1000) / 1000,
        error_rate: Math.round((health?.errorRate ?? 0) * 1000) / 1000,
        order: params.order === Number.MAX_SAFE_INTEGER ? null : params.order,
        tags: params.tags,
      };
    });
    // shared_state: the counts and cooldowns are the cluster's (router_settings.redis_*), or this process's.
    return jsonResponse(200, { strategy: services.settings.router.strategy, shared_state: services.router.sync.shared, deployments });
  },
};
