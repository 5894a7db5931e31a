import {
  clientAbortSignal,
  createGateway,
  errorResponseForPath,
  fromHostBodyParserError,
  handleNodeRequest,
  refuseDeclaredOversize,
  requestIdOf,
  toErrorResponse,
  writeNodeResponse,
  type Gateway,
  type GatewayOptions,
} from '@switchyard/core';
import { withDefaultProviders } from '@switchyard/default-providers';
import { redisRouterState, withRedisCounters } from '@switchyard/store-redis';
import { withDefaultStores } from '@switchyard/store-sqlite';
import { uiDirectory } from '@switchyard/ui';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/**
 * Two handlers for `app.use(path, …)`, which Express flattens: the gateway, and an error handler.
 * The error handler must sit at the host's level: Express only hands an error raised earlier
 * (a host's `express.json()` refusing a body) to error handlers of the router it happened in,
 * never into a nested router.
 */
export type ExpressGateway = [RequestHandler, ErrorRequestHandler] & {
  /** The framework-neutral gateway inside (settings, container, reload). */
  readonly gateway: Gateway;
  /**
   * Mount before a body parser (`app.use('/llm', llm.guard)`, then `express.json()`): answers
   * a declared Content-Length over the gateway's limit with a 413 at once. Without it the
   * parser waits for that body, which may never come, and the gateway never gets to answer.
   */
  readonly guard: RequestHandler;
  close(): Promise<void>;
};

/**
 * The gateway as Express 5 middleware: `app.use('/llm', gateway({ config: 'config.yaml' }))`.
 * Every path under the mount is the gateway's (unknown ones get a JSON 404); the host's other
 * routes are untouched. The OpenAI and Anthropic providers are registered unless `providers` has its own;
 * the admin UI is served at `ui/` unless `adminUiDirectory: false`.
 */
export function gateway(options: GatewayOptions = {}): ExpressGateway {
  const core = createGateway({ adminUiDirectory: uiDirectory, ...options, providers: withDefaultProviders(options.providers), stores: withRedisCounters(withDefaultStores(options.stores)), routerState: options.routerState ?? redisRouterState });

  const handle: RequestHandler = async (request, response) => {
    try {
      const signal = clientAbortSignal(response);
      // req.url is relative to the mount point (Express strips the mount path from it).
      const result = await handleNodeRequest(core, request, { path: pathOf(request.url), signal, parsed: request.body });
      await writeNodeResponse(response, result, core.logger);
    } catch (error) {
      // Never into Express: its final handler answers with an HTML page.
      answerFailure(response, error, core);
    }
  };

  // Errors raised before the gateway ran still get an OpenAI-style answer, not Express's HTML page.
  const mapHostErrors: ErrorRequestHandler = (error, request, response, next) => {
    if (response.headersSent) return next(error);
    const answer = errorResponseForPath(fromHostBodyParserError(error), request.url, core.logger);
    answer.headers['x-request-id'] = requestIdOf(request.headers);
    void writeNodeResponse(response, answer, core.logger);
  };

  const guard: RequestHandler = (request, response, next) => {
    const refusal = refuseDeclaredOversize(core, request);
    if (refusal === undefined) return next();
    void writeNodeResponse(response, refusal, core.logger);
  };

  const handlers: [RequestHandler, ErrorRequestHandler] = [handle, mapHostErrors];
  return Object.assign(handlers, { gateway: core, guard, close: () => core.close() });
}

function answerFailure(response: Response, error: unknown, core: Gateway): void {
  if (response.headersSent) {
    core.logger.error({ err: { message: (error as Error)?.message } }, 'failed while writing a response');
    response.destroy();
    return;
  }
  void writeNodeResponse(response, toErrorResponse(error, core.logger), core.logger);
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
