// The floor for a Node proxy: read the body, JSON.parse, JSON.stringify, forward over a
// keep-alive undici Pool, stream the reply back. No auth, no validation, no logging.
// Usage: node bench/undici-passthrough.mjs --port 18081 --upstream http://127.0.0.1:18080
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { closeOnSignal, listen, parseFlags } from './lib/server-cli.mjs';

const flags = parseFlags(process.argv.slice(2));
const pool = new Pool(flags.upstream ?? 'http://127.0.0.1:18080', { connections: 128 });

const server = createServer(async (request, response) => {
  try {
    const parts = [];
    for await (const part of request) parts.push(part);
    const body = JSON.stringify(JSON.parse(Buffer.concat(parts).toString('utf8')));
    const upstream = await pool.request({
      method: 'POST',
      path: request.url,
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body,
    });
    const contentType = upstream.headers['content-type'] ?? 'application/json';
    response.writeHead(upstream.statusCode, { 'content-type': contentType });
    for await (const part of upstream.body) response.write(part);
    response.end();
  } catch (error) {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: String(error), type: 'proxy_error' } }));
  }
});
server.keepAliveTimeout = 65_000;
await listen(server, flags.port ?? 18081, flags.host);
closeOnSignal(server, () => pool.close());
