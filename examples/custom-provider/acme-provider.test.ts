// The plugin's own test: a real fake Acme server, an Express host with the plugin registered
// through options, and the official openai SDK as the caller.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gateway, silentLogger } from '@switchyard/express';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme } from './acme-provider.js';
import { createFakeAcmeServer } from './fake-acme-server.js';

describe('Acme provider plugin', () => {
  let acmeServer: ReturnType<typeof createFakeAcmeServer>;
  let host: Server;
  let client: OpenAI;

  beforeAll(async () => {
    acmeServer = createFakeAcmeServer().listen(0, '127.0.0.1');
    await once(acmeServer, 'listening');
    const apiBase = `http://127.0.0.1:${(acmeServer.address() as AddressInfo).port}`;
    const app = express();
    app.use(
      '/llm',
      gateway({
        logger: silentLogger,
        providers: [acme()],
        config: {
          model_list: [
            { model_name: 'acme-small', litellm_params: { model: 'acme/acme-small-v2', api_base: apiBase, api_key: 'acme-key' } },
          ],
        },
      }),
    );
    host = createServer(app).listen(0, '127.0.0.1');
    await once(host, 'listening');
    client = new OpenAI({ baseURL: `http://127.0.0.1:${(host.address() as AddressInfo).port}/llm/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(async () => {
    host.closeAllConnections();
    host.close();
    acmeServer.close();
  });

  it('maps chat completions to Acme and back', async () => {
    const reply = await client.chat.completions.create({ model: 'acme-small', messages: [{ role: 'user', content: 'ping' }], max_tokens: 50 });
    expect(reply.choices[0]?.message.content).toBe('Acme heard: ping');
    const sent = acmeServer.requests.at(-1)!;
    expect(sent.path).toBe('/generate');
    expect(sent.headers.authorization).toBe('Bearer acme-key');
    expect(sent.body).toEqual({ prompt: 'user: ping', max_new_tokens: 50 });
  });

  it('streams, framed like OpenAI', async () => {
    const stream = await client.chat.completions.create({ model: 'acme-small', messages: [{ role: 'user', content: 'stream me' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Acme heard: stream me');
  });

  it('answers the Responses API through the bridge, though Acme only serves chat', async () => {
    const response = await client.responses.create({ model: 'acme-small', input: 'bridged' });
    expect(response.output_text).toBe('Acme heard: bridged');
  });

  it("enforces the plugin's own capability data before calling Acme", async () => {
    const before = acmeServer.requests.length;
    const error = await client.chat.completions
      .create({ model: 'acme-small', messages: [{ role: 'user', content: 'x' }], max_tokens: 10_000 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, param: 'max_tokens' });
    expect(acmeServer.requests.length).toBe(before);
  });
});
