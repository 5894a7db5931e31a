import type { Stage } from '../pipeline/stage.js';

/**
 * Checks the body against the target model's compiled validator before any money is spent.
 * drop_params applies per request, per deployment, then globally.
 */
export function createValidateStage(globalDropParams: boolean): Stage {
  return (context, next) => {
    const target = context.target;
    const endpoint = context.route.endpoint;
    if (target === undefined || endpoint === undefined) return next();
    const { drop_params: requestDropParams, ...body } = context.body;
    const dropParams = requestDropParams === true || (target.deployment.dropParams ?? globalDropParams);
    // drop_params is Switchyard's (and LiteLLM's) knob, never an upstream parameter.
    const prepared = target.prepare(endpoint, requestDropParams === undefined ? context.body : body, { dropParams });
    context.body = prepared.body;
    if (prepared.dropped.length > 0) context.setHeader('x-switchyard-dropped-params', prepared.dropped.join(', '));
    if (target.capability === undefined) context.setHeader('x-switchyard-capabilities', 'none');
    return next();
  };
}
