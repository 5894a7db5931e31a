import { describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/create-gateway.js';
import { silentLogger } from '../logging/logger.js';
import { get } from '../validation/__fixtures__/recording-provider.js';

describe('GET /model/info', () => {
  const gateway = createGateway({
    config: {
      model_list: [
        { model_name: 'gpt-5.5', litellm_params: { model: 'openai/gpt-5.5', mock_response: 'hi', api_key: 'sk-secret-upstream-key' } },
        {
          model_name: 'pro',
          litellm_params: { model: 'openai/gpt-5.5-pro-2026-04-23', api_base: 'https://user:pa55word@proxy.example/v1', api_key: 'sk-secret-2' },
          model_info: { id: 'pro-1', input_cost_per_token: 2e-5 },
        },
        { model_name: 'mine', litellm_params: { model: 'openai/ft:mine', mock_response: 'hi' } },
      ],
    },
    logger: silentLogger,
    providers: [{ name: 'openai', create: () => ({ endpoints: new Set(), send: () => Promise.reject(new Error('no network in this test')) }) }],
  });

  it('lists every deployment with its capability entry, prices as charged, and never a key', async () => {
    const response = await gateway.handle(get('/model/info'));
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.kind === 'json' ? response.body : undefined);
    expect(text).not.toMatch(/sk-secret|pa55word/);
    const [gpt55, pro, mine] = (response as { body: { data: Array<Record<string, any>> } }).body.data;

    expect(gpt55).toMatchObject({
      model_name: 'gpt-5.5',
      litellm_params: { model: 'openai/gpt-5.5' },
      model_info: {
        capabilities_found: true,
        key: 'gpt-5.5',
        mode: 'chat',
        max_input_tokens: 1_050_000,
        max_output_tokens: 128_000,
        input_cost_per_token: 5e-6,
        output_cost_per_token: 3e-5,
        supports_reasoning: true,
        supports_vision: true,
        reasoning_effort: { values: ['none', 'low', 'medium', 'high', 'xhigh'], default: 'medium' },
        limits: { max_input_tokens: 1_050_000, max_output_tokens: 128_000 },
        features: { web_search: true, pdf_input: true },
        pricing: { tiers: [{ above_input_tokens: 272_000, input: 1e-5 }] },
      },
    });
    expect(pro).toMatchObject({
      litellm_params: { model: 'openai/gpt-5.5-pro-2026-04-23', api_base: 'https://***:***@proxy.example/v1' },
      model_info: {
        id: 'pro-1',
        key: 'gpt-5.5-pro',
        mode: 'responses',
        input_cost_per_token: 2e-5,
        reasoning_effort: { values: ['medium', 'high', 'xhigh'], default: 'high' },
      },
    });
    expect(mine).toMatchObject({ model_info: { capabilities_found: false, key: null, mode: null, reasoning_effort: null, pricing: null } });
  });
});
