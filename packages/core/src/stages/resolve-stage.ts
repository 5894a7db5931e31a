import { GatewayError } from '../errors/gateway-error.js';
import { clip } from '../errors/quote-client-value.js';
import type { Stage } from '../pipeline/stage.js';

/**
 * Finds the model group for the request's `model`: every deployment sharing the name (the route
 * stage picks one per attempt), through `model_group_alias` when the name is an alias. Exact names are one Map lookup; a name no exact
 * `model_name` has goes through the wildcard deployments (`*`, `openai/*`, `claude-*`), whose
 * concrete targets the snapshot compiles once per name. Local routes pass straight through.
 */
export const resolveStage: Stage = (context, next) => {
  if (context.route.endpoint === undefined) return next();
  const body = context.request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError('invalid_body', `The request body must be a JSON object; got ${describe(body)}.`);
  }
  const model = context.body.model;
  if (model === undefined) {
    throw new GatewayError('missing_required_parameter', "Missing required parameter: 'model'.", { param: 'model' });
  }
  if (typeof model !== 'string' || model === '') {
    throw new GatewayError('invalid_type', "Invalid type for 'model': expected a non-empty string.", { param: 'model' });
  }
  context.model = model;
  // A virtual key's own aliases come first; then an exact model_name; then
  // router_settings.model_group_alias; then the wildcards.
  const principal = context.principal;
  const requested = (principal?.kind === 'key' && Object.hasOwn(principal.key.aliases, model) ? principal.key.aliases[model] : undefined) ?? model;
  const alias = context.snapshot.targets.has(requested) ? undefined : context.services.settings.router.aliases.get(requested)?.model;
  const group = alias ?? requested;
  const targets = context.snapshot.lookup(group);
  const target = targets?.[0];
  if (target === undefined) throw modelNotFound(model, context.snapshot.notServed(group));
  context.target = target;
  context.targets = targets;
  context.modelGroup = group;
  return next();
};

function modelNotFound(model: string, skipped: string | undefined): GatewayError {
  const reason = skipped === undefined ? 'does not exist or you do not have access to it' : `is configured but not served: ${skipped}`;
  return new GatewayError('model_not_found', `The model \`${clip(model)}\` ${reason}.`, { param: 'model' });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
