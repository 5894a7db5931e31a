// The standalone proxy with one operations feature switched on, for `pnpm bench ops`: each
// variant is its own process so its CPU per request can be read alone and set beside `plain`.
// Usage: node bench/ops-host.mjs --variant metrics --upstream 18080 --port 18090
import { pino } from 'pino';
import { createAccessLog, createDefaultLogger } from '@switchyard/core';
import { createProxyServer, startTracing } from '@switchyard/server';
import { MASTER_KEY } from './lib/bench-settings.mjs';
import { closeOnSignal, listen, parseFlags } from './lib/server-cli.mjs';

const OPS_VARIANTS = ['plain', 'access-log', 'access-log-pino', 'metrics', 'otel-api', 'otel-sdk', 'cache-hit'];

const flags = parseFlags(process.argv.slice(2));
const variant = flags.variant ?? 'plain';
if (!OPS_VARIANTS.includes(variant)) throw new Error(`ops-host: unknown --variant ${variant}`);
const upstream = `http://127.0.0.1:${flags.upstream}`;

const litellmSettings = {
  ...(variant === 'metrics' ? { callbacks: ['prometheus'] } : {}),
  ...(variant === 'otel-api' || variant === 'otel-sdk' ? { callbacks: ['otel'] } : {}),
  ...(variant === 'cache-hit' ? { cache: true, cache_params: { type: 'local' } } : {}),
};
const config = {
  model_list: [{ model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream}/v1`, api_key: 'sk-test' } }],
  general_settings: { master_key: MASTER_KEY },
  litellm_settings: litellmSettings,
};
const logger = createDefaultLogger();
// access-log: what `switchyard` does by default now; access-log-pino: what --access-log did before (logger.info(event)).
const onCost =
  variant === 'access-log' ? createAccessLog(pino.destination({ dest: 2, sync: false })) : variant === 'access-log-pino' ? (event) => logger.info(event, 'request') : undefined;
// otel-api: spans through @opentelemetry/api with no SDK registered (no-ops); otel-sdk: the server's SDK exporting over OTLP/HTTP.
const tracing = variant === 'otel-sdk' ? startTracing({ exporters: ['otel'], env: { OTEL_EXPORTER_OTLP_ENDPOINT: upstream } }) : undefined;
const proxy = createProxyServer({ config, logger, onCost });
await listen(proxy.server, flags.port ?? 18090, '127.0.0.1');
closeOnSignal(proxy.server, async () => {
  await proxy.gateway.close();
  await tracing?.shutdown();
});
