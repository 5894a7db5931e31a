import type { Stage } from '../pipeline/stage.js';
import { callModel } from '../bridge/call-model.js';
import { callMessages } from '../bridge/call-messages.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import { isGatewayError } from '../errors/gateway-error.js';
import { deploymentRedactor } from '../redaction/deployment-redactor.js';
import { safeErrorCode } from '../redaction/safe-error-code.js';
import { runInTrace, startAttemptSpan, endAttemptSpan } from '../tracing/request-tracing.js';

/** Client headers a native Messages upstream needs to see: the API version and beta features. */
const ANTHROPIC_CLIENT_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

/**
 * Calls the upstream through the deployment's provider (bridging between Chat Completions and
 * Responses where the model or provider needs it). Local routes are answered here too. The time
 * the call takes is the upstream's (`x-switchyard-overhead-ms` leaves it out); with tracing on,
 * the call runs in a child span of its own, whose trace context goes upstream.
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
    const started = performance.now();
    try {
      context.response = await callMessages({
        provider: context.services.providers.forDeployment(deployment),
        target,
        body: context.body,
        clientModel: context.model ?? deployment.modelName,
        headers: anthropicHeaders(context),
        signal: context.signal,
        requestId: context.requestId,
      });
    } finally {
      context.upstreamMs += performance.now() - started;
    }
    return next();
  }
  const endpoint = route.endpoint;
  const started = performance.now();
  if (context.traceContext === undefined) {
    try {
      context.response = await callModel({
        provider: context.services.providers.forDeployment(deployment),
        target,
        endpoint,
        body: { ...context.body, model: deployment.upstreamModel },
        signal: context.signal,
        requestId: context.requestId,
      });
    } finally {
      context.upstreamMs += performance.now() - started;
    }
    return next();
  }
  const attempt = startAttemptSpan(context.traceContext, { system: deployment.provider, requestModel: deployment.upstreamModel, deployment: deployment.id, endpoint });
  try {
    context.response = await runInTrace(attempt.context, () =>
      callModel({
        provider: context.services.providers.forDeployment(deployment),
        target,
        endpoint,
        body: { ...context.body, model: deployment.upstreamModel },
        signal: context.signal,
        requestId: context.requestId,
      }),
    );
    endAttemptSpan(attempt.span, { status: context.response.status });
  } catch (error) {
    endAttemptSpan(attempt.span, { status: isGatewayError(error) ? error.status : 500, errorCode: isGatewayError(error) ? safeErrorCode(error.code, deploymentRedactor(deployment)) : 'internal_error' });
    throw error;
  } finally {
    context.upstreamMs += performance.now() - started;
  }
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
