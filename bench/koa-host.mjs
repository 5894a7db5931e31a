// Switchyard mounted in a Koa 3 host at `/`, the way a Koa team would run it.
// Usage: node bench/koa-host.mjs --config /tmp/.../config.yaml --port 18083
import { createServer } from 'node:http';
import Koa from 'koa';
import { gateway } from '@switchyard/koa';
import { closeOnSignal, listen, parseFlags } from './lib/server-cli.mjs';

const flags = parseFlags(process.argv.slice(2));
if (flags.config === undefined) throw new Error('koa-host: --config <file> is required');

const app = new Koa();
const mounted = gateway({ config: flags.config });
app.use(mounted);

const server = createServer(app.callback());
server.keepAliveTimeout = 65_000;
await listen(server, flags.port ?? 18083, flags.host);
closeOnSignal(server, () => mounted.close());
