// The Bedrock plugin against @switchyard/provider-testkit's conformance suite, with a Bedrock API
// key (bearer); SigV4 is verified end to end in test/bedrock-e2e.test.ts.
import { runProviderConformance } from '@switchyard/provider-testkit';
import { bedrock } from './bedrock-provider.js';
import { bedrockConformanceFixtures } from './__fixtures__/conformance-fixtures.js';

runProviderConformance({
  name: 'bedrock',
  plugin: () => bedrock({ env: {} }),
  model: 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  apiKey: 'ABSKQmVkcm9ja0FQSUtleS1conformanceFAKE0123',
  fixtures: bedrockConformanceFixtures,
  usage: { prompt_tokens: 20, completion_tokens: 10 },
});
