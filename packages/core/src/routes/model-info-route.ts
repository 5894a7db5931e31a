import { jsonResponse } from '../http/gateway-response.js';
import type { Route } from './route.js';

/**
 * LiteLLM's `GET /model/info`: every deployment with its capability entry. Never a key: only
 * the fields listed here leave the gateway.
 */
export const modelInfoRoute: Route = {
  name: 'model.info',
  method: 'GET',
  paths: ['/model/info'],
  handle: ({ snapshot }) =>
    jsonResponse(200, {
      data: [...snapshot.targets.values()].flat().map(({ deployment, capability }) => ({
        model_name: deployment.modelName,
        litellm_params: {
          model: `${deployment.provider}/${deployment.upstreamModel}`,
          ...(deployment.apiBase === undefined ? {} : { api_base: deployment.apiBase }),
        },
        model_info: {
          id: deployment.id,
          capabilities_found: capability !== undefined,
          ...capability,
        },
      })),
    }),
};
