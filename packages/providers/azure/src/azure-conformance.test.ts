// The Azure plugin against @switchyard/provider-testkit's conformance suite: a classic
// `azure/<deployment>` with an api-version and the `api-key` header.
import { runProviderConformance } from '@switchyard/provider-testkit';
import { azure } from './azure-provider.js';
import { azureConformanceFixtures } from './__fixtures__/conformance-fixtures.js';

runProviderConformance({
  name: 'azure',
  plugin: () => azure({ env: {} }),
  model: 'azure/gpt-4o-prod',
  apiKey: 'azconformance0123456789abcdefSECRET',
  litellmParams: { api_version: '2024-10-21' },
  fixtures: azureConformanceFixtures,
  usage: { prompt_tokens: 20, completion_tokens: 10 },
});
