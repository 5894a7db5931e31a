import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { GatewayResponse } from '../http/gateway-response.js';
import type { Endpoint, Provider } from '../providers/provider.js';

export interface CallModelOptions {
  readonly provider: Provider;
  readonly target: ModelTarget;
  /** The endpoint the client called. */
  readonly endpoint: Endpoint;
  /** The client's body, validated, with `model` already set to the upstream name. */
  readonly body: Record<string, unknown>;
  readonly signal: AbortSignal;
  readonly requestId: string;
}

/** Sends the call to the provider. (Chat ⇄ Responses bridging is added by issue 3.) */
export function callModel(options: CallModelOptions): Promise<GatewayResponse> {
  return options.provider.send({
    endpoint: options.endpoint,
    body: options.body,
    stream: options.body.stream === true,
    deployment: options.target.deployment,
    signal: options.signal,
    requestId: options.requestId,
  });
}
