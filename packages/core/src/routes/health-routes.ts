import { jsonResponse } from '../http/gateway-response.js';
import { checkDeployments } from '../health/check-deployments.js';
import type { Route } from './route.js';

/** Liveness for Kubernetes and LiteLLM: the process answers. Never needs a key. */
export const livenessRoute: Route = {
  name: 'health.liveliness',
  method: 'GET',
  paths: ['/health/liveliness', '/health/liveness', '/health/live'],
  public: true,
  handle: () => jsonResponse(200, { status: 'ok' }),
};

/**
 * Readiness: capabilities loaded, not draining for shutdown, every registered store `ok` or in
 * its documented degraded mode. 503 otherwise, with an OpenAI-style error beside the checks.
 */
export const readinessRoute: Route = {
  name: 'health.readiness',
  method: 'GET',
  paths: ['/health/readiness'],
  public: true,
  async handle({ services }) {
    const checks: Record<string, { status: string; detail?: string }> = {
      capabilities: services.capabilities.ready === undefined ? { status: 'ok' } : { status: 'down', detail: 'capability sources are still loading' },
      ...(await services.readiness.run()),
    };
    if (services.readiness.draining) checks.shutdown = { status: 'down', detail: 'the gateway is shutting down' };
    const down = Object.entries(checks).filter(([, check]) => check.status === 'down').map(([name]) => name);
    if (down.length === 0) return jsonResponse(200, { status: 'healthy', checks });
    return jsonResponse(503, {
      status: 'unhealthy',
      checks,
      error: { message: `Not ready: ${down.join(', ')}.`, type: 'server_error', param: null, code: 'not_ready' },
    });
  },
};

/**
 * `GET /health`. Without a master key it stays the public liveness answer it always was; with one
 * it is LiteLLM's: it needs the key and checks every deployment with a cheap call, now.
 */
export const healthRoute: Route = {
  name: 'health',
  method: 'GET',
  paths: ['/health'],
  async handle(context) {
    const { services } = context;
    if (services.settings.masterKey === undefined) return jsonResponse(200, { status: 'ok' });
    return jsonResponse(200, await checkDeployments(context.snapshot, services.providers, context.requestId));
  },
};
