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
  const name = index.names.get(deployment.upstreamModel);
  const shipped = index.entries.get(deployment.upstreamModel);
  const patch = modelInfoOverride(deployment);
  let capability: ModelCapability | undefined = shipped;
  if (patch !== undefined) {
    if (shipped !== undefined) capability = mergeCapability(shipped, patch);
    else if (patch.mode !== undefined) capability = { provider: deployment.provider, ...patch } as ModelCapability;
  }
  return {
    name: capability === undefined ? undefined : (name ?? deployment.upstreamModel),
    capability,
    pricing: deploymentPricing(deployment, capability?.pricing as ModelPricing | undefined),
  };
}
