import type { CapabilitySnapshot, ModelTarget } from '../capabilities/capability-snapshot.js';
import { capabilitySourceOf } from '../capabilities/capability-source-of.js';
import { jsonResponse } from '../http/gateway-response.js';
import { deploymentRedactor } from '../redaction/deployment-redactor.js';
import { maskUrlCredentials } from '../redaction/mask-url-credentials.js';
import type { Route } from './route.js';

/** Switchyard feature names → LiteLLM's `supports_*` keys, so LiteLLM dashboards read the reply. */
const LITELLM_FEATURES: Readonly<Record<string, string>> = {
  reasoning: 'supports_reasoning',
  function_calling: 'supports_function_calling',
  parallel_tool_calls: 'supports_parallel_function_calling',
  vision: 'supports_vision',
  pdf_input: 'supports_pdf_input',
  prompt_caching: 'supports_prompt_caching',
  web_search: 'supports_web_search',
  structured_output: 'supports_response_schema',
  system_messages: 'supports_system_messages',
  native_streaming: 'supports_native_streaming',
};

/**
 * LiteLLM's `GET /model/info`: every deployment with its capability entry (as merged with the
 * deployment's overrides, prices as charged), LiteLLM's flat keys beside it, and the accepted
 * reasoning_effort values. Never a key: only the fields built here leave the gateway, and an
 * api_base is shown with its credentials masked (user-info, credential query values, the
 * deployment's key and key-shaped tokens anywhere in it).
 */
export const modelInfoRoute: Route = {
  name: 'model.info',
  method: 'GET',
  paths: ['/model/info'],
  handle: ({ snapshot }) => jsonResponse(200, { data: [...snapshot.targets.values()].flat().map((target) => describeTarget(target, snapshot)) }),
};

function describeTarget({ deployment, capability, capabilityName, pricing }: ModelTarget, snapshot: CapabilitySnapshot) {
  const limits = capability?.limits;
  const features: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(capability?.features ?? {})) {
    const key = LITELLM_FEATURES[name];
    if (key !== undefined && typeof value === 'boolean') features[key] = value;
  }
  const reasoningEffort = capability?.params?.reasoning_effort;
  return {
    model_name: deployment.modelName,
    litellm_params: {
      model: `${deployment.provider}/${deployment.upstreamModel}`,
      ...(deployment.apiBase === undefined ? {} : { api_base: maskUrlCredentials(deployment.apiBase, deploymentRedactor(deployment)) }),
    },
    model_info: {
      id: deployment.id,
      capabilities_found: capability !== undefined,
      key: capabilityName ?? null,
      litellm_provider: capability?.provider ?? deployment.provider,
      mode: capability?.mode ?? null,
      max_input_tokens: limits?.max_input_tokens ?? null,
      max_output_tokens: limits?.max_output_tokens ?? null,
      max_tokens: limits?.max_output_tokens ?? null,
      input_cost_per_token: pricing?.input ?? null,
      cache_read_input_token_cost: pricing?.cached_input ?? null,
      cache_creation_input_token_cost: pricing?.cache_write ?? null,
      output_cost_per_token: pricing?.output ?? null,
      ...features,
      reasoning_effort:
        reasoningEffort === undefined ? null : { values: reasoningEffort.enum ?? null, default: reasoningEffort.default ?? null },
      ...capability,
      pricing: pricing ?? null,
      // Which capability source the entry came from (the last one that described it).
      capability_source: capabilityName === undefined ? null : (capabilitySourceOf(snapshot.models.get(capabilityName)) ?? null),
    },
  };
}
