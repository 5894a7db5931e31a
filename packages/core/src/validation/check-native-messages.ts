import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import { checkMessagesRequest } from '../bridge/check-messages-request.js';
import { GatewayError } from '../errors/gateway-error.js';
import { inputTokensAbove } from './input-token-bound.js';

/**
 * Checks a Messages request bound for a provider that speaks the Messages API natively, against
 * the deployment's capability data: the request's shape (`max_tokens` required, as Anthropic
 * requires it), `max_tokens` within the model's output limit, and an input that certainly
 * exceeds the context window (a lower bound, as for chat). Parameters are not checked one by
 * one: the upstream speaks this API and judges the rest itself.
 */
export function checkNativeMessages(target: ModelTarget, body: Record<string, unknown>): void {
  const request = checkMessagesRequest(body);
  const capability = target.capability;
  if (capability === undefined) return;
  const model = target.deployment.modelName;
  if (capability.mode === 'embedding') {
    throw new GatewayError('unsupported_endpoint', `The model '${model}' is an embedding model and cannot serve /v1/messages.`, { param: 'model' });
  }
  const outputLimit = capability.limits?.max_output_tokens;
  if (outputLimit !== undefined && request.max_tokens > outputLimit) {
    throw new GatewayError(
      'invalid_value',
      `max_tokens: ${request.max_tokens} > ${outputLimit}, which is the maximum allowed number of output tokens for ${model}.`,
      { param: 'max_tokens' },
    );
  }
  const inputLimit = capability.limits?.max_input_tokens;
  if (inputLimit === undefined) return;
  const texts: unknown[] = [...request.messages];
  if (request.system !== undefined) texts.push({ content: request.system });
  const tokens = inputTokensAbove('chat.completions', { messages: texts }, inputLimit);
  if (tokens !== undefined) {
    throw new GatewayError('context_length_exceeded', `prompt is too long: at least ${tokens} tokens > ${inputLimit} maximum (model ${model}, checked before upstream).`, {
      param: 'messages',
    });
  }
}
