// Switchyard mounted in a full Express 5 application (`express()`), the way an existing Express
// app runs it. Compare with the standalone proxy, which serves the same Express adapter without
// the application object.
// Usage: node bench/express-app-host.mjs --config /tmp/.../config.yaml --port 18084
import { createServer } from 'node:http';
import express from 'express';
import { gateway } from '@switchyard/express';
import { closeOnSignal, listen, parseFlags } from './lib/server-cli.mjs';

const flags = parseFlags(process.argv.slice(2));
if (flags.config === undefined) throw new Error('express-app-host: --config <file> is required');

const app = express();
app.disable('x-powered-by');
const mounted = gateway({ config: flags.config });
app.use(mounted);

const server = createServer(app);
server.keepAliveTimeout = 65_000;
await listen(server, flags.port ?? 18084, flags.host);
closeOnSignal(server, () => mounted.close());
