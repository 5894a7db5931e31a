import { describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/create-gateway.js';
import type { GatewayConfig } from '../generated/config.js';
import { silentLogger } from '../logging/logger.js';
import { post, recordingProvider } from './__fixtures__/recording-provider.js';
import { chat, refusal, target } from './__fixtures__/targets.js';

describe('drop_params in prepare', () => {
  const gpt55 = target('gpt-5.5');
  const prepare = (body: Record<string, unknown>, endpoint: 'chat.completions' | 'responses' = 'chat.completions') =>
    gpt55.prepare(endpoint, body, { dropParams: true });

  it('removes an unsupported value instead of refusing it', () => {
    expect(prepare(chat({ reasoning_effort: 'minimal' }))).toEqual({ body: chat(), dropped: ['reasoning_effort'] });
  });

  it('removes a parameter a rule refuses, and what the refusal of another one exposes', () => {
    // Dropping reasoning_effort makes the default (medium) count, which refuses temperature too.
    const body = chat({ reasoning_effort: 'minimal', temperature: 0.2, top_p: 1 });
    expect(prepare(body)).toEqual({ body: chat({ top_p: 1 }), dropped: ['reasoning_effort', 'temperature'] });
    expect(body).toEqual(chat({ reasoning_effort: 'minimal', temperature: 0.2, top_p: 1 }));
  });

  it('removes a nested Responses parameter, and its object when nothing is left in it', () => {
    const pro = target('gpt-5.5-pro');
    const base = { model: 'gpt-5.5-pro', input: 'Hi' };
    expect(pro.prepare('responses', { ...base, reasoning: { effort: 'low' } }, { dropParams: true })).toEqual({ body: base, dropped: ['reasoning.effort'] });
    expect(pro.prepare('responses', { ...base, reasoning: { effort: 'low', summary: 'auto' } }, { dropParams: true }).body).toEqual({
      ...base,
      reasoning: { summary: 'auto' },
    });
  });

  it('removes a parameter the model rejects outright', () => {
    expect(target('o3').prepare('chat.completions', chat({ logit_bias: { '1': 1 }, presence_penalty: 0.5 }), { dropParams: true })).toEqual({
      body: chat(),
      dropped: ['presence_penalty', 'logit_bias'],
    });
  });

  it('still refuses what dropping cannot fix: a wrong type, a missing field, a limit', () => {
    expect(refusal(gpt55, 'chat.completions', chat({ reasoning_effort: 5 }), true)).toMatchObject({ code: 'invalid_type' });
    expect(refusal(gpt55, 'chat.completions', { model: 'gpt-5.5' }, true)).toMatchObject({ code: 'missing_required_parameter' });
    expect(refusal(gpt55, 'chat.completions', chat({ max_tokens: 500_000 }), true)).toMatchObject({ code: 'invalid_value', param: 'max_tokens' });
  });
});

describe('drop_params through the gateway, at all three levels', () => {
  function setup(config: { global?: boolean; deployment?: boolean }) {
    const upstream = recordingProvider();
    const litellmParams = { model: 'openai/gpt-5.5', api_key: 'sk-test', ...(config.deployment === undefined ? {} : { drop_params: config.deployment }) };
    const gatewayConfig: GatewayConfig = {
      model_list: [{ model_name: 'gpt-5.5', litellm_params: litellmParams }],
      ...(config.global === undefined ? {} : { litellm_settings: { drop_params: config.global } }),
    };
    return { gateway: createGateway({ config: gatewayConfig, providers: [upstream.plugin], logger: silentLogger }), calls: upstream.calls };
  }
  const request = (extra: Record<string, unknown> = {}) =>
    post('/v1/chat/completions', { model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hi' }], reasoning_effort: 'minimal', ...extra });

  it.each([
    ['globally (litellm_settings.drop_params)', { global: true }, {}],
    ['per deployment (litellm_params.drop_params)', { deployment: true }, {}],
    ['per request ("drop_params": true)', {}, { drop_params: true }],
  ])('drops %s, lists the dropped parameters in a header and sends the rest', async (_level, config, extra) => {
    const { gateway, calls } = setup(config);
    const response = await gateway.handle(request(extra));
    expect(response.status).toBe(200);
    expect(response.headers['x-switchyard-dropped-params']).toBe('reasoning_effort');
    expect(calls[0]?.body).toEqual({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('refuses without drop_params, and a deployment can switch it off under a global true', async () => {
    for (const config of [{}, { global: true, deployment: false }]) {
      const { gateway, calls } = setup(config);
      const response = await gateway.handle(request());
      expect(response.status).toBe(400);
      expect(calls).toHaveLength(0);
    }
  });
});
