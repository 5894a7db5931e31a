// The Anthropic plugin against @switchyard/provider-testkit's conformance suite.
import { runProviderConformance } from '@switchyard/provider-testkit';
import { anthropic } from './anthropic-provider.js';
import { anthropicConformanceFixtures } from './__fixtures__/conformance-fixtures.js';

runProviderConformance({
  name: 'anthropic',
  plugin: () => anthropic(),
  model: 'anthropic/claude-sonnet-4-5',
  apiKey: 'sk-ant-conf-FAKE-not-a-key-0123',
  fixtures: anthropicConformanceFixtures,
  usage: { prompt_tokens: 20, completion_tokens: 10 },
});
