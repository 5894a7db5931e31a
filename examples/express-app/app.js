// An existing Express 5 app that mounts the gateway under /llm beside its own routes.
import express from 'express';
import { gateway } from '@switchyard/express';

/** @param {{ config?: string | import('@switchyard/express').GatewayConfig }} [options] */
export function createApp(options = {}) {
  const app = express();
  const llm = gateway({
    config: options.config ?? new URL('../config.yaml', import.meta.url).pathname,
    stages: [
      // A stage that adds a header to every gateway response, on the way out (after `await next()`).
      {
        name: 'served-by',
        after: 'cost',
        run: async (context, next) => {
          await next();
          context.setHeader('x-served-by', 'orders-service');
        },
      },
    ],
  });
  // Before the host's own body parser: refuses a declared over-limit Content-Length at once,
  // instead of the parser waiting for a body that may never come.
  app.use('/llm', llm.guard);
  app.use(express.json()); // the host's own body parser: the gateway works with or without it

  // The host's own routes keep working.
  app.get('/', (_request, response) => response.json({ app: 'orders-service', llm: '/llm/v1' }));
  app.get('/orders/:id', (request, response) => response.json({ id: request.params.id, status: 'shipped' }));

  app.use('/llm', llm);
  return { app, llm };
}
