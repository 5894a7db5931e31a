import Koa from 'koa';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { gateway } from '@switchyard/koa';
import { silentLogger } from '@switchyard/core';
import { bodyParser } from '@koa/bodyparser';
const printed = [];
const orig = console.error; console.error = (...a) => { printed.push(a.join(' ')); };
const cfg = { model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m', mock_response: 'hi' } }], general_settings: { master_key: 'sk-m' } };
for (const parse of [false, true]) {
  const app = new Koa();
  const mounted = gateway({ config: cfg, logger: silentLogger, prefix: '/llm' });
  if (parse) { app.use(mounted.errorHandler); app.use(bodyParser()); }
  app.use(mounted);
  const server = createServer(app.callback());
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const raw = (text, after) => new Promise((resolve) => { const s = connect(port, '127.0.0.1', () => { s.write(text); setTimeout(() => { after(s); setTimeout(resolve, 100); }, 50); }); s.on('error', () => {}); });
  const head = (len, extra='') => `POST /llm/v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer sk-m\r\ncontent-length: ${len}\r\n${extra}\r\n`;
  await raw(head(1000) + '{"model":', (s) => s.destroy());
  await raw(head(1000) + '{"model":', (s) => s.resetAndDestroy());
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  await raw(head(Buffer.byteLength(body)) + body, (s) => s.resetAndDestroy());
  const body2 = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(3_000_000) }] });
  await raw(head(Buffer.byteLength(body2)) + body2, (s) => s.resetAndDestroy());
  await raw(head(5, 'content-encoding: gzip\r\n') + 'abcde', (s) => s.destroy());
  await raw(`GET /llm/v1/models/%E0%A4%A HTTP/1.1\r\nhost: x\r\nauthorization: Bearer sk-m\r\n\r\n`, (s) => s.destroy());
  await raw(head(5, 'content-type: application/json; charset=utf-99\r\n') + 'abcde', (s) => s.destroy());
  server.closeAllConnections(); server.close(); await mounted.close();
  console.log = console.log; process.stdout.write(`parse=${parse} printed ${printed.length}: ${printed.map(p => p.slice(0, 200)).join('\n---\n')}\n`); printed.length = 0;
}
process.exit(0);
