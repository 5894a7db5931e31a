import { checkJsonValue } from '../http/check-json-value.js';
import type { JsonLimits } from '../http/json-limits.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Stage } from '../pipeline/stage.js';

/**
 * Runs right after `auth`, so a request without a valid key is refused before its body is
 * read or parsed (a host that replaces `auth` keeps that order). With a lazy reader (the Node
 * adapters) the body is read here, its size and JSON limits enforced while it arrives; a body
 * handed to `gateway.handle({ body })` gets the same JSON limits by a walk of the value.
 */
export function createBodyStage(jsonLimits: JsonLimits): Stage {
  return (context, next) => {
    const request = context.request;
    if (request.readBody === undefined) {
      checkJsonValue(request.body, jsonLimits);
      useBody(context, request.body);
      return next();
    }
    return request.readBody().then((body) => {
      request.body = body;
      useBody(context, body);
      return next();
    });
  };
}

function useBody(context: GatewayContext, body: unknown): void {
  context.body = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
