import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createAccessLog, createDefaultLogger, isGatewayError } from '@switchyard/core';
import { createProxyServer } from './create-server.js';
import { parseCliArgs, USAGE } from './parse-cli-args.js';
import { startupBanner } from './startup-banner.js';
import { startTracing, type Tracing } from './start-tracing.js';

/** `switchyard --config config.yaml --port 4000`: the standalone proxy. */
export async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(`switchyard: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const logger = createDefaultLogger();
  let proxy;
  try {
    // The access log: one line per model request, from its cost event (after the response went
    // out), written without the logger's redaction pass (docs/operations.md). On by default.
    const onCost = options.accessLog ? createAccessLog(pino.destination({ dest: 2, sync: false })) : undefined;
    proxy = createProxyServer({ config: options.config, logger, onCost });
  } catch (error) {
    // Config errors are written for people: print the message alone, no stack.
    process.stderr.write(`switchyard: ${isGatewayError(error) ? error.message : String(error)}\n`);
    return 1;
  }

  // callbacks: ["otel"] / ["langfuse"]: core makes spans through @opentelemetry/api; this records and exports them.
  const exporters = proxy.gateway.gateway.settings.operations.exporters;
  const tracing: Tracing | undefined = exporters.length > 0 ? startTracing({ exporters, logger }) : undefined;

  proxy.server.listen(options.port, options.host);
  try {
    await once(proxy.server, 'listening');
  } catch (error) {
    process.stderr.write(`switchyard: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}\n`);
    return 1;
  }
  const { port } = proxy.server.address() as AddressInfo;
  process.stdout.write(startupBanner({ host: options.host, port, gateway: proxy.gateway.gateway }));

  // SIGHUP re-reads config.yaml (like POST /reload/config), then every capability source (like
  // POST /reload/model_cost_map). Each is validated before it swaps; a bad one changes nothing.
  const core = proxy.gateway.gateway;
  const reloadOnHangup = () => {
    const describe = (error: unknown) => (isGatewayError(error) ? error.message : String(error));
    void core
      .reloadConfig()
      .then(
        (summary) => logger.info({ version: summary.version, deployments: summary.deployments, restartRequired: summary.restart_required }, 'config reloaded (SIGHUP)'),
        (error: unknown) => logger.warn({ err: describe(error) }, 'config reload failed; the previous deployments stay in force'),
      )
      .then(() => core.reload())
      .then(
        (summary) => logger.info({ version: summary.version, models: summary.models }, 'capabilities reloaded (SIGHUP)'),
        (error: unknown) => logger.warn({ err: describe(error) }, 'capability reload failed; the previous capabilities stay in force'),
      );
  };
  process.on('SIGHUP', reloadOnHangup);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  process.off('SIGHUP', reloadOnHangup);
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  await proxy.close();
  await tracing?.shutdown().catch(() => undefined);
  return 0;
}
