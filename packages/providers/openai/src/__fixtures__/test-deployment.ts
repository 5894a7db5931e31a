import { Secret, type Deployment, type Endpoint, type ProviderCall } from '@switchyard/core';

export interface TestDeploymentOptions extends Partial<Omit<Deployment, 'apiKey'>> {
  readonly apiKey?: string;
}

/** A resolved deployment as core's config loader would produce it. */
export function testDeployment(options: TestDeploymentOptions = {}): Deployment {
  const { apiKey, ...rest } = options;
  return {
    id: 'gpt-test#0',
    modelName: 'gpt-test',
    provider: 'openai',
    upstreamModel: 'gpt-5.5',
    apiBase: undefined,
    timeoutMs: 10_000,
    streamTimeoutMs: undefined,
    dropParams: undefined,
    mockResponse: undefined,
    extraParams: {},
    modelInfo: undefined,
    configPath: 'model_list[0]',
    ...rest,
    apiKey: apiKey === undefined ? undefined : new Secret(apiKey, 'literal'),
  };
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
