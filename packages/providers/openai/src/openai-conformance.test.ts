// The OpenAI plugin against @switchyard/provider-testkit's conformance suite.
import { runProviderConformance } from '@switchyard/provider-testkit';
import { openai } from './openai-provider.js';
import { openaiConformanceFixtures } from './__fixtures__/conformance-fixtures.js';

runProviderConformance({
  name: 'openai',
  plugin: () => openai(),
  model: 'openai/gpt-5.5',
  apiBasePath: '/v1',
  apiKey: 'sk-proj-conformance-0123456789abcdef',
  fixtures: openaiConformanceFixtures,
  usage: { prompt_tokens: 20, completion_tokens: 10 },
});
