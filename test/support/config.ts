import type { GatewayConfig } from '@switchyard/core';

/** A config whose models all go to the fake upstream at `apiBase`. */
export function upstreamConfig(apiBase: string, extra: Partial<GatewayConfig> = {}): GatewayConfig {
  const deployment = (name: string, options: Record<string, unknown> = {}) => ({
    model_name: name,
    litellm_params: { model: `openai/${name}`, api_base: apiBase, api_key: 'sk-upstream-secret-1234567890', ...options },
  });
  return {
    model_list: [
      deployment('gpt-4o-mini'),
      deployment('text-embedding-3-small'),
      deployment('error-429'),
      deployment('error-500'),
      deployment('hang', { timeout: 0.3 }),
      deployment('endless-stream'),
      { model_name: 'refused', litellm_params: { model: 'openai/refused', api_base: 'http://127.0.0.1:1/v1', api_key: 'sk-x' } },
    ],
    general_settings: { master_key: 'sk-master' },
    ...extra,
  };
}

/** `response.json()` typed loosely, for assertions on error bodies. */
export function readJson(response: Response): Promise<any> {
  return response.json() as Promise<any>;
}
