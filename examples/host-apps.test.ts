// The example host apps run as documented: their own routes answer, the gateway answers under
// /llm with the offline demo model, and the stages they show take effect.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp as createExpressApp } from './express-app/app.js';
import { createApp as createKoaApp } from './koa-app/app.js';

let server: Server | undefined;
let closeGateway: (() => Promise<void>) | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  await closeGateway?.();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('examples/express-app', () => {
  it('keeps its own routes and serves the demo model under /llm with its extra header', async () => {
    const { app, llm } = createExpressApp();
    closeGateway = () => llm.close();
    const base = await listen(app);
    expect(await (await fetch(`${base}/orders/42`)).json()).toEqual({ id: '42', status: 'shipped' });
    const response = await fetch(`${base}/llm/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-served-by')).toBe('orders-service');
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toContain('Hello from Switchyard');
  });
});

describe('examples/koa-app', () => {
  it('answers only team keys (its custom auth stage) and leaves other paths to the app', async () => {
    const { app, llm } = createKoaApp();
    closeGateway = () => llm.close();
    const base = await listen(app.callback());
    expect(await (await fetch(`${base}/`)).json()).toEqual({ app: 'koa-host', llm: '/llm/v1' });
    const stranger = new OpenAI({ baseURL: `${base}/llm/v1`, apiKey: 'not-a-team', maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toMatchObject({ status: 401 });
    const team = new OpenAI({ baseURL: `${base}/llm/v1`, apiKey: 'team-search-key', maxRetries: 0 });
    const reply = await team.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.choices[0]?.message.content).toContain('Hello from Switchyard');
  });
});
