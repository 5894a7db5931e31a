import type { ModelCapability } from '../generated/capability.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Deployment } from '../config/deployment.js';
import type { Endpoint, Provider } from '../providers/provider.js';
import type { BridgeDirection } from './bridge-errors.js';

export interface ChooseBridgeOptions {
  /** The endpoint the client called. */
  readonly endpoint: Endpoint;
  readonly provider: Provider;
  /** The deployment called, for providers whose endpoints differ by deployment (`endpointsFor`). */
  readonly deployment?: Deployment;
  readonly capability: ModelCapability | undefined;
  /** For messages: the client-facing model name. */
  readonly modelName: string;
}

/**
 * Decides from data alone (capability mode and endpoints, the provider's endpoints) whether a
 * call must cross between Chat Completions and Responses. `undefined`: send it as it came.
 */
export function chooseBridge(options: ChooseBridgeOptions): BridgeDirection | undefined {
  const { endpoint, capability } = options;
  const endpoints = (options.deployment && options.provider.endpointsFor?.(options.deployment)) ?? options.provider.endpoints;
  const modelEndpoints = Array.isArray(capability?.endpoints) ? (capability.endpoints as readonly string[]) : undefined;
  if (endpoint === 'chat.completions') {
    if (!isResponsesOnly(capability)) return undefined;
    if (!endpoints.has('responses')) throw cannotServe(options.modelName, 'the Responses API');
    return 'chat-to-responses';
  }
  if (endpoint === 'responses') {
    const withoutResponses = !endpoints.has('responses') || (modelEndpoints !== undefined && !modelEndpoints.includes('responses'));
    if (!withoutResponses) return undefined;
    if (!endpoints.has('chat.completions')) throw cannotServe(options.modelName, 'Chat Completions');
    return 'responses-to-chat';
  }
  return undefined;
}

/** A model served through the Responses API only (gpt-5.5-pro): its chat/completions calls are bridged. */
export function isResponsesOnly(capability: ModelCapability | undefined): boolean {
  const modelEndpoints = Array.isArray(capability?.endpoints) ? (capability.endpoints as readonly string[]) : undefined;
  return capability?.mode === 'responses' || (modelEndpoints !== undefined && modelEndpoints.includes('responses') && !modelEndpoints.includes('chat.completions'));
}

function cannotServe(model: string, api: string): GatewayError {
  return new GatewayError('unsupported_endpoint', `The model '${model}' can only be served through ${api}, which its provider does not offer.`, {
    param: 'model',
  });
}
