// What a host app notices beyond the request contract: its own body parser, the body limit,
// custom stages, and two gateways in one process.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '@switchyard/core';
import { readJson, upstreamConfig } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { HOSTS } from './support/hosts.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());

const chat = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

describe.each(HOSTS)('%s host', (_name, startHost) => {
  it('works when the host already parsed the JSON body', async () => {
    const host = await startHost({ config: upstreamConfig(upstream.url), hostParsesJson: true });
    try {
      const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
      const completion = await client.chat.completions.create({ ...chat('parsed by host'), model: 'gpt-4o-mini' } as never);
      expect((completion as OpenAI.ChatCompletion).choices[0]?.message.content).toBe('Hello from upstream');
      expect(upstream.requests.at(-1)?.body.messages[0].content).toBe('parsed by host');
    } finally {
      await host.close();
    }
  });

  it("turns the host parser's refusal of bad JSON into an OpenAI-style 400", async () => {
    const host = await startHost({ config: upstreamConfig(upstream.url), hostParsesJson: true });
    try {
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master' },
        body: '{"model": "gpt-4o-mini",',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await readJson(response)).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    } finally {
      await host.close();
    }
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const host = await startHost({ config: upstreamConfig(upstream.url), bodyLimit: 2_000 });
    try {
      const big = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master' },
        body: JSON.stringify(chat('x'.repeat(5_000))),
      });
      expect(big.status).toBe(413);
      expect((await readJson(big)).error).toMatchObject({ code: 'payload_too_large', type: 'invalid_request_error' });
      const small = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master' },
        body: JSON.stringify(chat('small')),
      });
      expect(small.status).toBe(200);
    } finally {
      await host.close();
    }
  });

  it('runs host stages: a custom auth function and a stage that adds a header', async () => {
    const host = await startHost({
      config: upstreamConfig(upstream.url),
      stages: [
        {
          replace: 'auth',
          run: (context, next) => {
            if (context.header('x-team-key') !== 'team-a') throw new GatewayError('invalid_api_key', 'Unknown team key.');
            return next();
          },
        },
        {
          name: 'team-header',
          after: 'cost',
          run: async (context, next) => {
            await next();
            context.setHeader('x-team', 'a');
          },
        },
      ],
    });
    try {
      const denied = await fetch(`${host.gatewayUrl}/v1/models`);
      expect(denied.status).toBe(401);
      expect((await readJson(denied)).error.message).toBe('Unknown team key.');
      const allowed = await fetch(`${host.gatewayUrl}/v1/models`, { headers: { 'x-team-key': 'team-a' } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('x-team')).toBe('a');
    } finally {
      await host.close();
    }
  });
});

describe('two gateways in one process', () => {
  it('share nothing: models, keys and containers stay their own', async () => {
    const [, startExpress] = HOSTS[0]!;
    const first = await startExpress({ config: upstreamConfig(upstream.url) });
    const second = await startExpress({
      config: {
        model_list: [{ model_name: 'only-here', litellm_params: { model: 'openai/only-here', mock_response: 'second gateway' } }],
        general_settings: { master_key: 'sk-other' },
      },
    });
    try {
      const one = new OpenAI({ baseURL: `${first.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
      const two = new OpenAI({ baseURL: `${second.gatewayUrl}/v1`, apiKey: 'sk-other', maxRetries: 0 });
      const reply = await two.chat.completions.create({ model: 'only-here', messages: [{ role: 'user', content: 'x' }] });
      expect(reply.choices[0]?.message.content).toBe('second gateway');
      await expect(one.chat.completions.create({ model: 'only-here', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
      const crossKey = await fetch(`${second.gatewayUrl}/v1/models`, { headers: { authorization: 'Bearer sk-master' } });
      expect(crossKey.status).toBe(401);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
