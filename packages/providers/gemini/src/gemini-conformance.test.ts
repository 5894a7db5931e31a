// The Gemini plugin (AI Studio, `x-goog-api-key`) against @switchyard/provider-testkit's conformance suite.
import { runProviderConformance } from '@switchyard/provider-testkit';
import { gemini } from './gemini-provider.js';
import { geminiConformanceFixtures } from './__fixtures__/conformance-fixtures.js';

runProviderConformance({
  name: 'gemini',
  plugin: () => gemini({ env: {} }),
  model: 'gemini/gemini-2.5-flash',
  apiKey: 'AIzaSyConformance-0123456789abcdefSECRET',
  fixtures: geminiConformanceFixtures,
  usage: { prompt_tokens: 20, completion_tokens: 10 },
});
