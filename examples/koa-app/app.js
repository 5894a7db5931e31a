// An existing Koa 3 app that serves the gateway under /llm beside its own routes.
import Koa from 'koa';
import { GatewayError, gateway } from '@switchyard/koa';

/** @param {{ config?: string | import('@switchyard/koa').GatewayConfig }} [options] */
export function createApp(options = {}) {
  const app = new Koa();

  const llm = gateway({
    config: options.config ?? new URL('../config.yaml', import.meta.url).pathname,
    prefix: '/llm',
    stages: [
      // Custom auth: replace the built-in master-key check with the app's own team keys.
      {
        replace: 'auth',
        run: async (context, next) => {
          if (context.route.public) return next();
          const key = context.header('authorization')?.replace(/^Bearer /, '');
          if (!key || !TEAM_KEYS.has(key)) throw new GatewayError('invalid_api_key', 'Unknown team key.');
          context.state.team = TEAM_KEYS.get(key);
          return next();
        },
      },
    ],
  });
  app.use(llm);

  // The host's own routes, after the gateway: requests outside /llm reach them.
  app.use(async (ctx) => {
    if (ctx.path === '/') ctx.body = { app: 'koa-host', llm: '/llm/v1' };
  });
  return { app, llm };
}

const TEAM_KEYS = new Map([
  ['team-search-key', 'search'],
  ['team-ads-key', 'ads'],
]);
