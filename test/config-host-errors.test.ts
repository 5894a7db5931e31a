// Answers the host app gives on the gateway's behalf, and the README's claims about them:
// x-request-id on a host body parser's refusal, express.json()'s 100 kB default, and the
// README's header-adding stage on error responses.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gateway as expressGateway, silentLogger, type GatewayConfig } from '@switchyard/express';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, HOSTS, type Host } from './support/hosts.js';

const MASTER = 'sk-master-host-0001';
let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());
afterEach(() => upstream.reset());

const config = (): GatewayConfig => ({
  model_list: [{ model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', api_base: upstream.url, api_key: 'sk-upstream-host-0002' } }],
  general_settings: { master_key: MASTER },
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER}`, ...headers }, body });

describe.each(HOSTS)('a host body parser refusing a body on %s', (_name, startHost) => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ config: config(), hostParsesJson: true });
  });
  afterAll(() => host.close());

  it('still names the request: x-request-id, the caller’s when sane', async () => {
    const made = await post(`${host.gatewayUrl}/v1/chat/completions`, '{"model": ');
    expect(made.status).toBe(400);
    expect((await readJson(made)).error.code).toBe('invalid_json');
    expect(made.headers.get('x-request-id')).toMatch(/^req_[\w-]+$/);

    const echoed = await post(`${host.gatewayUrl}/v1/chat/completions`, '{"model": ', { 'x-request-id': 'trace-42' });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
  });
});

describe("express.json()'s default limit", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(express.json()); // as the README's first example had it: the 100 kB default
    app.use('/llm', expressGateway({ config: config(), logger: silentLogger }));
    server = createServer(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/llm`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses an ordinary 150 kB conversation with an OpenAI-style 413 naming the request (documented in the README)', async () => {
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(150_000) }] });
    const response = await post(`${url}/v1/chat/completions`, body);
    expect(response.status).toBe(413);
    expect((await readJson(response)).error.code).toBe('payload_too_large');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe.each(ALL_HOSTS)("the README's header-adding stage on %s", (_name, startHost) => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({
      config: config(),
      // Exactly as in the README.
      stages: [
        {
          name: 'served-by',
          after: 'requestId',
          run: async (ctx, next) => {
            try {
              await next();
            } finally {
              ctx.setHeader('x-served-by', 'orders');
            }
          },
        },
      ],
    });
  });
  afterAll(() => host.close());

  it('adds its header to successes and to 4xx answers alike', async () => {
    const cases: [string, string, Record<string, string>, number][] = [
      ['/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }), {}, 200],
      ['/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' }), {}, 400],
      ['/v1/chat/completions', JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }), {}, 404],
      ['/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: [] }), { authorization: 'Bearer wrong' }, 401],
    ];
    for (const [path, body, headers, status] of cases) {
      const response = await post(`${host.gatewayUrl}${path}`, body, headers);
      expect(response.status).toBe(status);
      expect(response.headers.get('x-served-by')).toBe('orders');
    }
  });
});
