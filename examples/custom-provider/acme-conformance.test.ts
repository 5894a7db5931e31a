// The Acme plugin against @switchyard/provider-testkit's conformance suite. Acme has no tools
// and no streaming API (the plugin makes chunks from a JSON answer), so it supplies no tool
// fixtures and no streamStart: those cases show as skipped.
import { CONFORMANCE_TEXT, runProviderConformance } from '@switchyard/provider-testkit';
import { acme } from './acme-provider.js';

const answer = { body: { text: CONFORMANCE_TEXT, tokens_in: 20, tokens_out: 10, stop_reason: 'eos' } };

runProviderConformance({
  name: 'acme (examples/custom-provider)',
  plugin: () => acme(),
  model: 'acme/acme-small-v2',
  apiKey: 'acme-conformance-secret-0123456789',
  fixtures: {
    text: { json: answer, stream: answer },
    error: (status, message) => ({ status, body: { error: message } }),
  },
  usage: { prompt_tokens: 20, completion_tokens: 10 },
});
