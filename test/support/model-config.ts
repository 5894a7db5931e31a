import type { GatewayConfig } from '@switchyard/core';

/** The upstream key every test deployment carries; no reply of the gateway may ever contain it. */
export const UPSTREAM_KEY = 'sk-upstream-secret-1234567890';

type ModelEntry = NonNullable<GatewayConfig['model_list']>[number];

/**
 * One deployment served by the fake upstream at `apiBase`: `model` is the LiteLLM model string
 * (`openai/gpt-5.5`), `params` extra `litellm_params`, `modelInfo` the deployment's `model_info`.
 */
export function modelEntry(
  apiBase: string,
  modelName: string,
  model: string,
  params: Record<string, unknown> = {},
  modelInfo?: Record<string, unknown>,
): ModelEntry {
  return {
    model_name: modelName,
    litellm_params: { model, api_base: apiBase, api_key: UPSTREAM_KEY, ...params },
    ...(modelInfo === undefined ? {} : { model_info: modelInfo }),
  };
}

/** A config with the master key `sk-master` and the given deployments. */
export function modelsConfig(models: readonly ModelEntry[], extra: Partial<GatewayConfig> = {}): GatewayConfig {
  return { model_list: [...models], general_settings: { master_key: 'sk-master' }, ...extra };
}

/** A POST of `body` as JSON with the master key, for requests the SDK would refuse to build. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-master', ...headers },
    body: JSON.stringify(body),
  };
}
