import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import { jsonResponse } from '../http/gateway-response.js';
import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { Route } from './route.js';

function modelObject(id: string, targets: readonly ModelTarget[], created: number) {
  return { id, object: 'model', created, owned_by: targets[0]!.deployment.provider };
}

/** OpenAI's `GET /v1/models`: the configured model names. */
export const listModelsRoute: Route = {
  name: 'models',
  method: 'GET',
  paths: ['/models'],
  handle: ({ snapshot, services }) =>
    jsonResponse(200, {
      object: 'list',
      data: [...snapshot.targets].map(([id, targets]) => modelObject(id, targets, services.startedAt)),
    }),
};

/** OpenAI's `GET /v1/models/{model}` (`client.models.retrieve`). Model names may hold `/`. */
export const retrieveModelRoute: Route = {
  name: 'models.retrieve',
  method: 'GET',
  paths: ['/models/*'],
  handle: ({ request, snapshot, services }) => {
    const raw = request.path.replace(/^(?:\/v1)?\/models\//, '');
    let id: string;
    try {
      id = decodeURIComponent(raw);
    } catch {
      id = raw;
    }
    const targets = snapshot.targets.get(id);
    if (targets === undefined) {
      throw new GatewayError('model_not_found', `The model \`${clip(id)}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    return jsonResponse(200, modelObject(id, targets, services.startedAt));
  },
};
