import type { IncomingMessage } from 'node:http';
import { errorResponseForPath } from '../../errors/error-response-for-path.js';
import type { Gateway } from '../../gateway/create-gateway.js';
import { requestIdOf } from '../../stages/request-id-stage.js';
import type { JsonResponse } from '../gateway-response.js';
import { lingerAfterEarlyAnswer } from './linger-after-early-answer.js';
import { declaresMoreThan, tooLarge } from './read-json-body.js';

/**
 * For an adapter's middleware that runs before the host's body parser: the 413 for a request
 * whose declared Content-Length is over the gateway's limit, or undefined. A host parser
 * (`express.json()`, `@koa/bodyparser`) would otherwise wait for a body that may never come,
 * and the gateway behind it would never get to answer. Sets up the lingering close, so write
 * the answer right away.
 */
export function refuseDeclaredOversize(gateway: Gateway, request: IncomingMessage): JsonResponse | undefined {
  if (request.method !== 'POST' || !declaresMoreThan(request, gateway.bodyLimitBytes)) return undefined;
  const response = errorResponseForPath(tooLarge(gateway.bodyLimitBytes), request.url ?? '');
  response.headers['x-request-id'] = requestIdOf(request.headers);
  return lingerAfterEarlyAnswer(request, response);
}
