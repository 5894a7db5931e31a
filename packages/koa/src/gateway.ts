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
import type { Context, Middleware } from 'koa';

export interface KoaGatewayOptions extends GatewayOptions {
  /** Serve only under this path (`/llm`); requests elsewhere go on to the host's middleware. */
  prefix?: string;
}

export type KoaGateway = Middleware & {
  readonly gateway: Gateway;
  /**
   * Register first (`app.use(llm.errorHandler)`) when a body parser runs before the gateway: it
   * turns that parser's refusals under the prefix into OpenAI-style JSON errors, and answers a
   * declared Content-Length over the gateway's limit at once, before the parser waits for it.
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
  const core = createGateway({
    adminUiDirectory: uiDirectory,
    ...gatewayOptions,
    providers: withDefaultProviders(gatewayOptions.providers),
    stores: withRedisCounters(withDefaultStores(gatewayOptions.stores)),
    routerState: gatewayOptions.routerState ?? redisRouterState,
  });

  const isMine = (path: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);

  const middleware: Middleware = async (ctx, next) => {
    const path = ctx.path;
    if (!isMine(path)) return next();
    quietClientErrors(ctx);
    // Nothing is thrown into Koa for the gateway's own paths: its default error handler prints
    // the stack to stderr, and the answer is the gateway's to give anyway.
    try {
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
      if (result.kind === 'bytes') {
        ctx.set(result.headers);
        ctx.body = Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength);
        return;
      }
      // Streams are written here rather than handed to Koa as a body: Koa reports every client
      // that leaves mid-stream as an application error ("Premature close"), which is normal for SSE.
      ctx.respond = false;
      await writeNodeResponse(ctx.res, result, core.logger);
    } catch (error) {
      answerError(ctx, error);
    }
  };
  const errorHandler: Middleware = async (ctx, next) => {
    if (isMine(ctx.path)) {
      quietClientErrors(ctx);
      const refusal = refuseDeclaredOversize(core, ctx.req);
      if (refusal !== undefined) return answerJson(ctx, refusal);
    }
    try {
      await next();
    } catch (error) {
      if (!isMine(ctx.path) || ctx.headerSent) throw error;
      answerError(ctx, fromHostBodyParserError(error), requestIdOf(ctx.req.headers));
    }
  };

  /**
   * Koa hands a socket error of a request (a client that resets the connection or sends a
   * broken body) to `ctx.onerror`, which prints the stack to stderr through the app's default
   * error handler. On the gateway's paths nothing is thrown into Koa, so what reaches it is only
   * the client going away: a debug line, not a stack trace.
   */
  const quietClientErrors = (ctx: Context) => {
    ctx.onerror = (error: Error | null) => {
      if (error === null || error === undefined) return;
      core.logger.debug({ err: { message: error.message, code: (error as NodeJS.ErrnoException).code } }, 'client connection error');
    };
  };

  /** `requestId`: for errors raised before the gateway ran (a host parser's), which name no request yet. */
  const answerError = (ctx: Context, error: unknown, requestId?: string) => {
    if (ctx.headerSent || !ctx.res.writable) {
      core.logger.error({ err: { message: (error as Error)?.message } }, 'failed while writing a response');
      ctx.res.destroy();
      return;
    }
    const response = errorResponseForPath(error, ctx.path, core.logger);
    if (requestId !== undefined) response.headers['x-request-id'] = requestId;
    answerJson(ctx, response);
  };

  return Object.assign(middleware, { gateway: core, errorHandler, close: () => core.close() });
}

function answerJson(ctx: Context, response: { status: number; headers: Record<string, string>; body: unknown }): void {
  ctx.respond = true;
  ctx.status = response.status;
  ctx.set(response.headers);
  ctx.body = response.body;
}

function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}
