import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gateway as expressGateway, silentLogger, type GatewayOptions } from '@switchyard/express';
import { gateway as koaGateway } from '@switchyard/koa';
import { createProxyServer } from '@switchyard/server';
import { bodyParser } from '@koa/bodyparser';
import express from 'express';
import Koa from 'koa';

/** A host app listening on an ephemeral loopback port with the gateway mounted at `/llm`. */
export interface Host {
  readonly name: string;
  /** The gateway's base URL: `http://127.0.0.1:<port>/llm`. */
  readonly gatewayUrl: string;
  /** The host's own base URL. */
  readonly url: string;
  close(): Promise<void>;
}

export interface HostOptions extends GatewayOptions {
  /** Install the framework's JSON body parser before the gateway, as many apps do. */
  hostParsesJson?: boolean;
}

export type StartHost = (options: HostOptions) => Promise<Host>;

/** Express 5: `app.use('/llm', gateway(options))`, plus a route of the host's own. */
export const startExpressHost: StartHost = async ({ hostParsesJson, ...options }) => {
  const app = express();
  const mounted = expressGateway({ logger: silentLogger, ...options });
  // The guard before the parser: a declared over-limit body is refused before the parser waits for it.
  if (hostParsesJson) app.use('/llm', mounted.guard).use(express.json({ limit: '100mb' }));
  app.get('/host/ping', (_request, response) => response.json({ host: 'express' }));
  app.use('/llm', mounted);
  app.use((_request, response) => response.status(404).type('text/plain').send('host 404'));
  return listen('express', createServer(app), () => mounted.close());
};

/** Koa 3: `app.use(gateway({ ...options, prefix: '/llm' }))`, plus a route of the host's own. */
export const startKoaHost: StartHost = async ({ hostParsesJson, ...options }) => {
  const app = new Koa();
  const mounted = koaGateway({ logger: silentLogger, ...options, prefix: '/llm' });
  if (hostParsesJson) {
    // A parser before the gateway: its refusals under /llm become OpenAI-style errors too.
    app.use(mounted.errorHandler);
    app.use(bodyParser({ jsonLimit: '100mb' }));
  }
  app.use(mounted);
  app.use(async (ctx) => {
    if (ctx.path === '/host/ping') ctx.body = { host: 'koa' };
  });
  return listen('koa', createServer(app.callback()), () => mounted.close());
};

/**
 * The standalone proxy's server (what `switchyard --config …` runs), in process: no mount
 * prefix, so `gatewayUrl` is the server's root. `hostParsesJson` does not apply to it.
 */
export const startStandaloneHost: StartHost = async ({ hostParsesJson: _ignored, ...options }) => {
  const proxy = createProxyServer({ logger: silentLogger, ...options });
  proxy.server.listen(0, '127.0.0.1');
  await once(proxy.server, 'listening');
  const url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
  return {
    name: 'standalone',
    url,
    gatewayUrl: url,
    async close() {
      proxy.server.closeAllConnections();
      await proxy.close(0);
    },
  };
};

export const HOSTS: readonly (readonly [string, StartHost])[] = [
  ['express', startExpressHost],
  ['koa', startKoaHost],
];

/** Every way a user runs the gateway: the standalone proxy and both mounts. */
export const ALL_HOSTS: readonly (readonly [string, StartHost])[] = [['standalone', startStandaloneHost], ...HOSTS];

async function listen(name: string, server: Server, closeGateway: () => Promise<void>): Promise<Host> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    name,
    url,
    gatewayUrl: `${url}/llm`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await closeGateway();
    },
  };
}
