import { jsonResponse } from '../http/gateway-response.js';
import type { Route } from './route.js';
import { modelInfoRoute } from './model-info-route.js';
import { reloadRoute } from './reload-route.js';

/** Every route the gateway answers, relative to its mount. Each also answers under `/v1`. */
export const GATEWAY_ROUTES: readonly Route[] = [
  { name: 'chat.completions', method: 'POST', paths: ['/chat/completions'], endpoint: 'chat.completions' },
  { name: 'responses', method: 'POST', paths: ['/responses'], endpoint: 'responses' },
  { name: 'embeddings', method: 'POST', paths: ['/embeddings'], endpoint: 'embeddings' },
  {
    name: 'models',
    method: 'GET',
    paths: ['/models'],
    handle: ({ snapshot, services }) =>
      jsonResponse(200, {
        object: 'list',
        data: [...snapshot.targets].map(([id, targets]) => ({
          id,
          object: 'model',
          created: services.startedAt,
          owned_by: targets[0]!.deployment.provider,
        })),
      }),
  },
  {
    name: 'health',
    method: 'GET',
    paths: ['/health', '/health/liveliness', '/health/liveness', '/health/readiness'],
    public: true,
    handle: () => jsonResponse(200, { status: 'ok' }),
  },
  modelInfoRoute,
  reloadRoute,
];
