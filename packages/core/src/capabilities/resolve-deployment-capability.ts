import type { Deployment } from '../config/deployment.js';
import { deploymentPricing } from '../cost/deployment-pricing.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import type { ModelCapability } from '../generated/capability.js';
import type { CapabilityIndex } from './collect-capability-entries.js';
import { mergeCapability } from './merge-capability.js';
import { modelInfoOverride } from './model-info-override.js';

export interface DeploymentCapability {
  readonly name: string | undefined;
  readonly capability: ModelCapability | undefined;
  readonly pricing: ModelPricing | undefined;
}

/**
 * Finds a deployment's capability entry by its upstream model name, then by alias (never by the
 * client-facing model_name: `model_name: gpt-5.5` pointing at a fine-tune must not borrow
 * gpt-5.5's limits), and lays the deployment's `model_info` overrides over it. Without a
 * shipped entry, an override that states its `mode` is a whole entry of its own.
 */
export function resolveDeploymentCapability(deployment: Deployment, index: CapabilityIndex): DeploymentCapability {
  const key = capabilityKey(deployment, index);
  const name = key === undefined ? undefined : index.names.get(key);
  const shipped = key === undefined ? undefined : index.entries.get(key);
  const patch = modelInfoOverride(deployment);
  let capability: ModelCapability | undefined = shipped;
  if (patch !== undefined) {
    if (shipped !== undefined) capability = mergeCapability(shipped, patch);
    else if (patch.mode !== undefined) capability = { provider: deployment.provider, ...patch } as ModelCapability;
  }
  return {
    name: capability === undefined ? undefined : (name ?? key ?? deployment.upstreamModel),
    capability,
    pricing: deploymentPricing(deployment, capability?.pricing as ModelPricing | undefined),
  };
}

/**
 * The entry a deployment is described by. `base_model` (LiteLLM's key, in `model_info` or
 * `litellm_params`) names the model behind a deployment whose name is not a model (Azure's
 * `azure/my-deployment`); when it is set, it is the only name tried, as written and with the
 * provider prefix (`gpt-4o` → `azure/gpt-4o`): a base model Switchyard has no data for means no
 * price, never the price of whatever the deployment happens to be called. Without it, the
 * provider-prefixed name (`azure/gpt-4o`, LiteLLM's keys for non-OpenAI providers) wins over
 * the bare one.
 */
function capabilityKey(deployment: Deployment, index: CapabilityIndex): string | undefined {
  const baseModel = deployment.modelInfo?.base_model ?? deployment.extraParams.base_model;
  const names = typeof baseModel === 'string' && baseModel !== '' ? [baseModel, `${deployment.provider}/${baseModel}`] : [`${deployment.provider}/${deployment.upstreamModel}`, deployment.upstreamModel];
  return names.find((name) => index.entries.has(name));
}
