import type { Deployment } from '../config/deployment.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import type { ModelCapability } from '../generated/capability.js';
import type { Endpoint } from '../providers/provider.js';
import { compileRequestValidator, type RequestValidator } from '../validation/compile-request-validator.js';
import type { ModelTarget } from './capability-snapshot.js';

export interface ModelTargetOptions {
  readonly deployment: Deployment;
  readonly capability: ModelCapability | undefined;
  readonly capabilityName: string | undefined;
  readonly pricing: ModelPricing | undefined;
}

const ENDPOINTS: readonly Endpoint[] = ['chat.completions', 'responses', 'embeddings'];

/** Joins a deployment with its capability and compiles one validator per endpoint, now, not per request. */
export function createModelTarget(options: ModelTargetOptions): ModelTarget {
  const { deployment, capability } = options;
  const model =
    deployment.modelName === deployment.upstreamModel ? deployment.modelName : `${deployment.modelName} (${deployment.upstreamModel})`;
  if (deployment.unservedMode !== undefined) return unservedModeTarget(options, model, deployment.unservedMode);
  const validators = {} as Record<Endpoint, RequestValidator>;
  for (const endpoint of ENDPOINTS) validators[endpoint] = compileRequestValidator({ endpoint, capability, model });
  return {
    deployment,
    capability,
    capabilityName: options.capabilityName,
    pricing: options.pricing,
    prepare: (endpoint, body, prepareOptions) => validators[endpoint](body, prepareOptions),
  };
}

/** A deployment of a mode Switchyard does not serve (image_generation, rerank, …): loads, answers every request with one clear error. */
function unservedModeTarget(options: ModelTargetOptions, model: string, mode: string): ModelTarget {
  const message = `Model ${model} is configured with model_info.mode "${mode}" (${options.deployment.configPath}); Switchyard does not serve ${mode} deployments yet.`;
  return {
    deployment: options.deployment,
    capability: options.capability,
    capabilityName: options.capabilityName,
    pricing: options.pricing,
    prepare: () => {
      throw new GatewayError('unsupported_mode', message, { param: 'model' });
    },
  };
}
