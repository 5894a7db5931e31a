import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import { jsonResponse } from '../http/gateway-response.js';
import type { CapabilitySnapshot } from '../capabilities/capability-snapshot.js';
import type { Deployment } from '../config/deployment.js';
import type { RouterSettings } from '../router/router-settings.js';
import type { Route } from './route.js';
import { allowsModel } from '../keys/model-access.js';
import type { Principal } from '../keys/principal.js';

function modelObject(id: string, deployment: Deployment, created: number) {
  return { id, object: 'model', created, owned_by: deployment.provider };
}

const listed = new WeakMap<CapabilitySnapshot, Map<string, Deployment>>();

/**
 * Exact model names first, in config order, then the `model_group_alias` names not marked
 * `hidden` (LiteLLM lists those too), then what the wildcards can serve as far as capability
 * data knows (LiteLLM lists a wildcard's known models too). Worked out once per snapshot, on
 * the first listing.
 */
function listedModels(snapshot: CapabilitySnapshot, router: RouterSettings): Map<string, Deployment> {
  let models = listed.get(snapshot);
  if (models !== undefined) return models;
  models = new Map<string, Deployment>();
  for (const [id, targets] of snapshot.targets) models.set(id, targets[0]!.deployment);
  for (const [alias, { model, hidden }] of router.aliases) {
    const targets = snapshot.lookup(model);
    if (!hidden && !models.has(alias) && targets !== undefined && targets.length > 0) models.set(alias, targets[0]!.deployment);
  }
  for (const [id, deployment] of snapshot.wildcards.knownModels(snapshot.models)) if (!models.has(id)) models.set(id, deployment);
  listed.set(snapshot, models);
  return models;
}

/** Whether a virtual key (its own, its team's and its user's models lists) may use a listed model. */
function visible(principal: Principal | undefined, snapshot: CapabilitySnapshot, id: string): boolean {
  if (principal?.kind !== 'key') return true;
  const targets = snapshot.lookup(id) ?? [];
  const lists = [principal.key.models, principal.team?.models ?? [], principal.user?.models ?? []];
  return lists.every((models) => allowsModel(models, id, id, targets));
}

/** OpenAI's `GET /v1/models`: the configured model names and the known models wildcards serve (for a virtual key, those it may use). */
export const listModelsRoute: Route = {
  name: 'models',
  method: 'GET',
  paths: ['/models'],
  handle: ({ snapshot, services, principal }) =>
    jsonResponse(200, {
      object: 'list',
      data: [...listedModels(snapshot, services.settings.router)].filter(([id]) => visible(principal, snapshot, id)).map(([id, deployment]) => modelObject(id, deployment, services.startedAt)),
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
    // A wildcard serves any name it matches, known to capability data or not; a hidden alias is not listed.
    const alias = snapshot.targets.has(id) ? undefined : services.settings.router.aliases.get(id);
    const targets = snapshot.lookup(alias === undefined || alias.hidden ? id : alias.model);
    if (targets === undefined) {
      throw new GatewayError('model_not_found', `The model \`${clip(id)}\` does not exist or you do not have access to it.`, { param: 'model' });
    }
    return jsonResponse(200, modelObject(id, targets[0]!.deployment, services.startedAt));
  },
};
