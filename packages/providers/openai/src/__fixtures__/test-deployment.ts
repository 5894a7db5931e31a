import type { Deployment, Endpoint, ProviderCall } from '@switchyard/core';
import { testDeployment as coreTestDeployment, type TestDeploymentOptions } from '@switchyard/core/testing';

export type { TestDeploymentOptions };

/** A resolved deployment as core's config loader would produce it. */
export function testDeployment(options: TestDeploymentOptions = {}): Deployment {
  return coreTestDeployment({ id: 'gpt-test#0', modelName: 'gpt-test', upstreamModel: 'gpt-5.5', timeoutMs: 10_000, ...options });
}

export interface TestCallOptions {
  readonly deployment: Deployment;
  readonly endpoint?: Endpoint;
  readonly body?: Record<string, unknown>;
  readonly signal?: AbortSignal;
}

export function testCall(options: TestCallOptions): ProviderCall {
  const body = options.body ?? { model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hello' }] };
  return {
    endpoint: options.endpoint ?? 'chat.completions',
    body,
    stream: body.stream === true,
    deployment: options.deployment,
    signal: options.signal ?? new AbortController().signal,
    requestId: 'req_test',
  };
}
