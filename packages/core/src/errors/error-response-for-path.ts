import type { JsonResponse } from '../http/gateway-response.js';
import type { Logger } from '../logging/logger.js';
import { toAnthropicErrorResponse } from './anthropic-error-body.js';
import { toErrorResponse } from './to-error-response.js';

// `/messages` at the mount's root, or `…/v1/messages` under any prefix; not an OpenAI path that
// merely ends in `messages` (`/v1/threads/{id}/messages`).
const ANTHROPIC_PATH = /(?:^|\/v1)\/messages(?:\/count_tokens)?\/?$/;

/** Whether a request path (mount prefix and query allowed) is one of the Anthropic Messages routes. */
export function isAnthropicPath(path: string): boolean {
  const query = path.indexOf('?');
  return ANTHROPIC_PATH.test(query === -1 ? path : path.slice(0, query));
}

/**
 * The error response for a request the gateway refused before its route ran (an adapter's
 * early 413, a host body parser's refusal): Anthropic's shape on the Messages routes, since
 * that is what their clients parse, OpenAI's everywhere else.
 */
export function errorResponseForPath(error: unknown, path: string, logger?: Logger): JsonResponse {
  const response = toErrorResponse(error, logger);
  return isAnthropicPath(path) ? toAnthropicErrorResponse(response) : response;
}
