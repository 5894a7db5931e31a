import { createServer, type Server } from 'node:http';
import { gateway, type ExpressGateway } from '@switchyard/express';
import type { GatewayOptions } from '@switchyard/core';
import express from 'express';

export interface ProxyServer {
  readonly server: Server;
  readonly gateway: ExpressGateway;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), closes pools. */
  close(graceMs?: number): Promise<void>;
}

/** The standalone proxy: an Express app with the gateway mounted at `/`. */
export function createProxyServer(options: GatewayOptions): ProxyServer {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const mounted = gateway(options);
  app.use(mounted);
  const server = createServer(app);
  // Longer than common load balancers' idle timeouts, so they close first and never hit a dead socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let closing: Promise<void> | undefined;
  return {
    server,
    gateway: mounted,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs).unref();
        // A keep-alive connection becomes idle once its in-flight request finishes; close it then.
        const sweep = setInterval(() => server.closeIdleConnections(), 50).unref();
        server.close(() => {
          clearTimeout(force);
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      }).then(() => mounted.close());
      return closing;
    },
  };
}
