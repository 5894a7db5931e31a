import { createServer, type Server } from 'node:http';
import { toErrorResponse, writeNodeResponse, type GatewayOptions } from '@switchyard/core';
import { gateway, type ExpressGateway } from '@switchyard/express';
import { postgresStorePlugin } from '@switchyard/store-postgres';
import { redisResponseCacheFromParams } from '@switchyard/store-redis';
import { answerMalformedRequests } from './answer-malformed-request.js';

export interface ProxyServer {
  readonly server: Server;
  readonly gateway: ExpressGateway;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), closes pools. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The standalone proxy: the Express adapter's handlers on a Node HTTP server, answering every
 * path. They are not wrapped in an `express()` application: that layer alone costs about as
 * much CPU per request as the whole gateway (docs/performance.md), and a proxy has no app routes.
 */
export function createProxyServer(options: GatewayOptions): ProxyServer {
  // cache_params.type: redis works out of the box in the standalone proxy.
  const mounted = gateway({ ...options, stores: withPostgres(options.stores), cacheStores: { redis: redisResponseCacheFromParams, ...options.cacheStores } });
  const [handle] = mounted;
  const logger = mounted.gateway.logger;
  const server = createServer((request, response) => {
    // The gateway answers every request itself, errors included, and never calls next; this
    // only catches a failure to write the answer.
    Promise.resolve(handle(request as never, response as never, () => undefined)).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else void writeNodeResponse(response, toErrorResponse(error, logger), logger);
    });
  });
  answerMalformedRequests(server, logger);
  // Longer than common load balancers' idle timeouts, so they close first and never hit a dead socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let closing: Promise<void> | undefined;
  return {
    server,
    gateway: mounted,
    close(graceMs = 10_000) {
      // Readiness answers 503 from now on, so a load balancer stops routing here while streams finish.
      mounted.gateway.readiness.drain();
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

/** The proxy is an application, not a library: `database_url: postgresql://…` works without code. */
function withPostgres(stores: GatewayOptions['stores']): GatewayOptions['stores'] {
  const list = stores ?? [];
  const servesPostgres = list.some((plugin) => plugin.kind === 'data' && plugin.schemes.includes('postgresql'));
  return servesPostgres ? list : [...list, postgresStorePlugin];
}
