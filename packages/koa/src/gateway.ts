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
import type { Middleware } from 'koa';

export interface KoaGatewayOptions extends GatewayOptions {
  /** Serve only under this path (`/llm`); requests elsewhere go on to the host's middleware. */
  prefix?: string;
}

export type KoaGateway = Middleware & {
  readonly gateway: Gateway;
  /**
   * Register first (`app.use(llm.errorHandler)`) when a body parser runs before the gateway: it
   * turns that parser's refusals under the prefix into OpenAI-style JSON errors.
   */
  readonly errorHandler: Middleware;
  close(): Promise<void>;
};

/**
 * The gateway as Koa 3 middleware: `app.use(gateway({ config: 'config.yaml', prefix: '/llm' }))`.
 * JSON responses go through `ctx` (status, headers, body) so the host's own middleware sees them.
 */
export function gateway(options: KoaGatewayOptions = {}): KoaGateway {
  const { prefix: rawPrefix, ...gatewayOptions } = options;
  const prefix = normalizePrefix(rawPrefix);
  const core = createGateway({ ...gatewayOptions, providers: withAzure(withOpenAI(gatewayOptions.providers)) });

  const isMine = (path: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);

  const middleware: Middleware = async (ctx, next) => {
    const path = ctx.path;
    if (!isMine(path)) return next();
    const result = await handleNodeRequest(core, ctx.req, {
      path: path.slice(prefix.length) || '/',
      signal: clientAbortSignal(ctx.res),
      parsed: (ctx.request as { body?: unknown }).body,
    });
    ctx.status = result.status;
    if (result.kind === 'json') {
      ctx.set(result.headers);
      ctx.body = result.body;
      return;
    }
    // Streams are written here rather than handed to Koa as a body: Koa reports every client
    // that leaves mid-stream as an application error ("Premature close"), which is normal for SSE.
    ctx.respond = false;
    await writeNodeResponse(ctx.res, result, core.logger);
  };
  const errorHandler: Middleware = async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isMine(ctx.path) || ctx.headerSent) throw error;
      const response = toErrorResponse(fromHostBodyParserError(error), core.logger);
      ctx.status = response.status;
      ctx.set({ ...response.headers, 'x-request-id': requestIdOf(ctx.req.headers) });
      ctx.body = response.body;
    }
  };

  return Object.assign(middleware, { gateway: core, errorHandler, close: () => core.close() });
}

function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}
