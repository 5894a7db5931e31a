import {
  clientAbortSignal,
  createGateway,
  handleNodeRequest,
  toErrorResponse,
  writeNodeResponse,
  GatewayError,
  type Gateway,
  type GatewayOptions,
} from '@switchyard/core';
import { withOpenAI } from '@switchyard/provider-openai';
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';

export type ExpressGateway = Router & {
  /** The framework-neutral gateway inside (settings, container, close). */
  readonly gateway: Gateway;
  close(): Promise<void>;
};

/**
 * The gateway as Express 5 middleware: `app.use('/llm', gateway({ config: 'config.yaml' }))`.
 * Every path under the mount is the gateway's (unknown ones get a JSON 404); the host's other
 * routes are untouched. The OpenAI provider is registered unless `providers` already has one.
 */
export function gateway(options: GatewayOptions = {}): ExpressGateway {
  const core = createGateway({ ...options, providers: withOpenAI(options.providers) });

  const handle: RequestHandler = async (request, response) => {
    const signal = clientAbortSignal(response);
    // req.url is relative to the mount point (Express rewrites it for mounted routers).
    const result = await handleNodeRequest(core, request, { path: pathOf(request.url), signal, parsed: request.body });
    await writeNodeResponse(response, result, core.logger);
  };

  // Errors raised before the gateway ran (a host's express.json() refusing a body) still get
  // an OpenAI-style answer instead of Express's HTML error page.
  const mapHostErrors: ErrorRequestHandler = (error, _request, response, next) => {
    if (response.headersSent) return next(error);
    void writeNodeResponse(response, toErrorResponse(fromBodyParser(error), core.logger), core.logger);
  };

  const router = Router();
  router.use(handle, mapHostErrors);
  return Object.assign(router, { gateway: core, close: () => core.close() });
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function fromBodyParser(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new GatewayError('payload_too_large', 'The request body is larger than the host application accepts.');
  if (type === 'entity.parse.failed') return new GatewayError('invalid_json', 'The request body is not valid JSON.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new GatewayError('unsupported_media_type', 'The request body encoding is not supported.');
  }
  return error;
}
