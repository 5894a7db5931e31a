import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GatewayError, toErrorResponse, writeNodeResponse, type GatewayOptions } from '@switchyard/core';
import { gateway, type ExpressGateway } from '@switchyard/express';

export interface ProxyServer {
  readonly server: Server;
  readonly gateway: ExpressGateway;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), closes pools. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The standalone proxy: the Express adapter (an Express router) mounted at `/` of a Node HTTP
 * server. It is not wrapped in an `express()` application: that layer alone costs about as much
 * CPU per request as the whole gateway (docs/performance.md), and a proxy has no app routes.
 */
export function createProxyServer(options: GatewayOptions): ProxyServer {
  const mounted = gateway(options);
  const logger = mounted.gateway.logger;
  // The gateway answers every path itself; `next` is reached only by an error it could not write.
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    mounted(request as never, response as never, (error?: unknown) => {
      if (response.headersSent) return void response.destroy();
      const failure = error ?? new GatewayError('not_found', `Unknown route ${request.method} ${request.url}.`);
      void writeNodeResponse(response, toErrorResponse(failure, logger), logger);
    });
  });
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
