import type { Deployment } from '../config/deployment.js';
import { Secret } from '../config/secret.js';

export interface TestDeploymentOptions extends Partial<Omit<Deployment, 'apiKey'>> {
  /** A plain string; it is wrapped in a Secret as the config loader would. */
  readonly apiKey?: string;
}

/**
 * A resolved deployment as the config loader produces it, for testing a provider plugin or a
 * stage without a config file. Every field can be overridden.
 */
export function testDeployment(options: TestDeploymentOptions = {}): Deployment {
  const { apiKey, ...fields } = options;
  return {
    id: 'test-model#0',
    modelName: 'test-model',
    provider: 'openai',
    upstreamModel: 'test-model',
    apiBase: undefined,
    timeoutMs: 600_000,
    streamTimeoutMs: undefined,
    dropParams: undefined,
    mockResponse: undefined,
    extraParams: {},
    modelInfo: undefined,
    configPath: 'model_list[0]',
    ...fields,
    apiKey: apiKey === undefined ? undefined : new Secret(apiKey, 'literal'),
  };
}
