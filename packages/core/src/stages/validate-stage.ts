import { messagesToChatRequest } from '../bridge/messages-to-chat-request.js';
import { servesMessagesNatively } from '../bridge/call-messages.js';
import type { Stage } from '../pipeline/stage.js';
import { checkNativeMessages } from '../validation/check-native-messages.js';

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
    const source = requestDropParams === undefined ? context.body : body;
    if (endpoint === 'messages') {
      // Natively: the Messages body as it came, checked against capability data. Otherwise the
      // Chat request it translates to, validated like any chat request for this model.
      if (servesMessagesNatively(context.services.providers.forDeployment(target.deployment))) {
        checkNativeMessages(target, source);
        context.body = source;
        if (target.capability === undefined) context.setHeader('x-switchyard-capabilities', 'none');
        return next();
      }
      const prepared = target.prepare('chat.completions', messagesToChatRequest(source, { dropUnknown: dropParams }), { dropParams });
      context.body = prepared.body;
      if (prepared.dropped.length > 0) context.setHeader('x-switchyard-dropped-params', prepared.dropped.join(', '));
      if (target.capability === undefined) context.setHeader('x-switchyard-capabilities', 'none');
      return next();
    }
    // drop_params is Switchyard's (and LiteLLM's) knob, never an upstream parameter.
    const prepared = target.prepare(endpoint, source, { dropParams });
    context.body = prepared.body;
    if (prepared.dropped.length > 0) context.setHeader('x-switchyard-dropped-params', prepared.dropped.join(', '));
    if (target.capability === undefined) context.setHeader('x-switchyard-capabilities', 'none');
    return next();
  };
}
