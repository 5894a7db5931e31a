import { describe, expect, it } from 'vitest';
import type { Deployment } from '../config/deployment.js';
import { deploymentPricing } from './deployment-pricing.js';
import type { ModelPricing } from './model-pricing.js';
import { priceUsage } from './price-usage.js';
import { testDeployment } from '../testing/test-deployment.js';

const CAPABILITY: ModelPricing = {
  input: 5e-6,
  cached_input: 5e-7,
  output: 3e-5,
  tiers: [{ above_input_tokens: 272000, input: 1e-5, cached_input: 1e-6, output: 4.5e-5 }],
  service_tiers: { flex: { input: 2.5e-6, output: 1.5e-5 } },
};

function deployment(fields: { modelInfo?: Record<string, unknown>; extraParams?: Record<string, unknown> }): Deployment {
  return testDeployment({ id: 'gpt-5.5#0', modelName: 'gpt-5.5', upstreamModel: 'gpt-5.5', extraParams: fields.extraParams ?? {}, modelInfo: fields.modelInfo });
}

describe('deploymentPricing', () => {
  it('keeps the capability pricing when the deployment sets no price', () => {
    expect(deploymentPricing(deployment({ modelInfo: { id: 'x' } }), CAPABILITY)).toEqual(CAPABILITY);
  });

  it("lets LiteLLM price keys in model_info win over the capability's, key by key", () => {
    const pricing = deploymentPricing(deployment({ modelInfo: { input_cost_per_token: 4e-6, cache_read_input_token_cost: 4e-7 } }), CAPABILITY)!;
    expect(pricing).toMatchObject({ input: 4e-6, cached_input: 4e-7, output: 3e-5 });
    // 1,000 × 4e-6 + 1,000 × 4e-7 + 100 × 3e-5 (output kept from the capability)
    expect(priceUsage({ inputTokens: 2000, cachedInputTokens: 1000, cacheWriteTokens: 0, outputTokens: 100, reasoningTokens: 0 }, pricing)?.usd).toBe('0.0074');
    expect(pricing.tiers).toEqual(CAPABILITY.tiers);
  });

  it('prices a deployment without capability data from litellm_params alone; litellm_params win over model_info', () => {
    const pricing = deploymentPricing(
      deployment({
        modelInfo: { input_cost_per_token: 9e-6, output_cost_per_token: 9e-6 },
        extraParams: { input_cost_per_token: '1e-6', output_cost_per_token: 2e-6 },
      }),
      undefined,
    );
    expect(pricing).toEqual({ input: 1e-6, output: 2e-6 });
  });

  it('merges model_info.pricing (Switchyard shape) and LiteLLM tier keys into the tiers by threshold', () => {
    const pricing = deploymentPricing(
      deployment({
        modelInfo: {
          pricing: { service_tiers: { flex: { cached_input: 2.5e-7 } } },
          output_cost_per_token_above_272k_tokens: 5e-5,
        },
      }),
      CAPABILITY,
    )!;
    expect(pricing.tiers).toEqual([{ above_input_tokens: 272000, input: 1e-5, cached_input: 1e-6, output: 5e-5 }]);
    expect(pricing.service_tiers?.flex).toEqual({ input: 2.5e-6, cached_input: 2.5e-7, output: 1.5e-5 });
  });
});
