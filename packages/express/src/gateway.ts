import {
  clientAbortSignal,
  createGateway,
  fromHostBodyParserError,
  handleNodeRequest,
  requestIdOf,
  toErrorResponse,
  writeNodeResponse,
  type Gateway,
  type GatewayOptions,
} from '@switchyard/core';
import { withAzure } from '@switchyard/provider-azure';
import { withOpenAI } from '@switchyard/provider-openai';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * Two handlers for `app.use(path, …)`, which Express flattens: the gateway, and an error handler.
 * The error handler must sit at the host's level: Express only hands an error raised earlier
 * (a host's `express.json()` refusing a body) to error handlers of the router it happened in,
 * never into a nested router.
 */
export type ExpressGateway = [RequestHandler, ErrorRequestHandler] & {
  /** The framework-neutral gateway inside (settings, container, reload). */
  readonly gateway: Gateway;
  close(): Promise<void>;
};

/**
 * The gateway as Express 5 middleware: `app.use('/llm', gateway({ config: 'config.yaml' }))`.
 * Every path under the mount is the gateway's (unknown ones get a JSON 404); the host's other
 * routes are untouched. The OpenAI provider is registered unless `providers` already has one.
 */
export function gateway(options: GatewayOptions = {}): ExpressGateway {
  const core = createGateway({ ...options, providers: withAzure(withOpenAI(options.providers)) });

  const handle: RequestHandler = async (request, response) => {
    const signal = clientAbortSignal(response);
    // req.url is relative to the mount point (Express strips the mount path from it).
    const result = await handleNodeRequest(core, request, { path: pathOf(request.url), signal, parsed: request.body });
    await writeNodeResponse(response, result, core.logger);
  };

  // Errors raised before the gateway ran still get an OpenAI-style answer, not Express's HTML page.
  const mapHostErrors: ErrorRequestHandler = (error, request, response, next) => {
    if (response.headersSent) return next(error);
    const answer = toErrorResponse(fromHostBodyParserError(error), core.logger);
    answer.headers['x-request-id'] = requestIdOf(request.headers);
    void writeNodeResponse(response, answer, core.logger);
  };

  const handlers: [RequestHandler, ErrorRequestHandler] = [handle, mapHostErrors];
  return Object.assign(handlers, { gateway: core, close: () => core.close() });
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

