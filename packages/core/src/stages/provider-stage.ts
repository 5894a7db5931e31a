import type { Stage } from '../pipeline/stage.js';
import { callModel } from '../bridge/call-model.js';

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
