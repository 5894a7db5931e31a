import type { Stage } from '../pipeline/stage.js';
import { callModel } from '../bridge/call-model.js';
import { callMessages } from '../bridge/call-messages.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';

/** Client headers a native Messages upstream needs to see: the API version and beta features. */
const ANTHROPIC_CLIENT_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

/**
 * Calls the upstream through the deployment's provider (bridging between Chat Completions and
 * Responses where the model or provider needs it). Local routes are answered here too.
 */
export const providerStage: Stage = async (context, next) => {
  const { route, target } = context;
  if (route.handle !== undefined) {
    context.response = await route.handle(context);
    return next();
  }
  if (target === undefined || route.endpoint === undefined) return next();
  const deployment = target.deployment;
  if (route.endpoint === 'messages') {
    context.response = await callMessages({
      provider: context.services.providers.forDeployment(deployment),
      target,
      body: context.body,
      clientModel: context.model ?? deployment.modelName,
      headers: anthropicHeaders(context),
      signal: context.signal,
      requestId: context.requestId,
    });
    return next();
  }
  context.response = await callModel({
    provider: context.services.providers.forDeployment(deployment),
    target,
    endpoint: route.endpoint,
    body: { ...context.body, model: deployment.upstreamModel },
    signal: context.signal,
    requestId: context.requestId,
  });
  return next();
};

function anthropicHeaders(context: GatewayContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ANTHROPIC_CLIENT_HEADERS) {
    const value = context.header(name);
    if (value !== undefined && value !== '') headers[name] = value;
  }
  return headers;
}
