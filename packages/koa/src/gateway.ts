import { Readable } from 'node:stream';
import {
  SSE_HEADERS,
  clientAbortSignal,
  createGateway,
  handleNodeRequest,
  sseChunks,
  type Gateway,
  type GatewayOptions,
} from '@switchyard/core';
import { openai } from '@switchyard/provider-openai';
import type { Middleware } from 'koa';

export interface KoaGatewayOptions extends GatewayOptions {
  /** Serve only under this path (`/llm`); requests elsewhere go on to the host's middleware. */
  prefix?: string;
}

export type KoaGateway = Middleware & {
  readonly gateway: Gateway;
  close(): Promise<void>;
};

/**
 * The gateway as Koa 3 middleware: `app.use(gateway({ config: 'config.yaml', prefix: '/llm' }))`.
 * Responses go through `ctx` (status, headers, body) so the host's own middleware sees them.
 */
export function gateway(options: KoaGatewayOptions = {}): KoaGateway {
  const { prefix: rawPrefix, ...gatewayOptions } = options;
  const prefix = normalizePrefix(rawPrefix);
  const core = createGateway({ ...gatewayOptions, providers: withOpenAI(gatewayOptions.providers) });

  const middleware: Middleware = async (ctx, next) => {
    const path = ctx.path;
    if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) return next();
    const result = await handleNodeRequest(core, ctx.req, {
      path: path.slice(prefix.length) || '/',
      signal: clientAbortSignal(ctx.res),
      parsed: (ctx.request as { body?: unknown }).body,
    });
    ctx.status = result.status;
    ctx.set(result.headers);
    if (result.kind === 'json') {
      ctx.body = result.body;
      return;
    }
    ctx.set(SSE_HEADERS);
    ctx.req.socket.setNoDelay(true);
    ctx.body = Readable.from(sseChunks(result.events, core.logger), { objectMode: false });
    ctx.flushHeaders();
  };
  return Object.assign(middleware, { gateway: core, close: () => core.close() });
}

function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

function withOpenAI(providers: GatewayOptions['providers']) {
  const list = providers ?? [];
  return list.some((plugin) => plugin.name === 'openai') ? list : [openai(), ...list];
}
