// Recorded Azure OpenAI / AI Foundry payloads (src/__fixtures__/recorded/*.json) through the
// plugin, with undici's MockAgent as the upstream: exact paths, auth headers, answers and errors.
import { testDeployment } from '@switchyard/core/testing';
import { runRecordedFixtures } from '@switchyard/provider-testkit';
import { azure } from './azure-provider.js';

const ORIGIN = 'https://my-resource.openai.azure.com';
const KEY = 'az-fixture-key-0123456789abcdef';

runRecordedFixtures({
  name: 'azure',
  plugin: (dispatcher) => azure({ env: {}, dispatcher }),
  directory: new URL('./__fixtures__/recorded/', import.meta.url),
  origin: ORIGIN,
  deployment: (fixture) => {
    // `api_version: null` in a fixture means "not configured"; `no_api_key` a deployment without api_key.
    const { model = 'azure/gpt-4o-prod', api_base: apiBase, no_api_key: noApiKey, api_version: apiVersion = '2024-10-21', ...rest } = (fixture.deployment ?? {}) as Record<string, unknown>;
    const [provider, upstreamModel] = String(model).split(/\/(.*)/s) as [string, string];
    return testDeployment({
      provider,
      upstreamModel,
      modelName: upstreamModel,
      apiBase: typeof apiBase === 'string' ? apiBase : ORIGIN,
      ...(noApiKey === true ? {} : { apiKey: KEY }),
      extraParams: { ...rest, ...(apiVersion === null ? {} : { api_version: apiVersion }) },
    });
  },
});
