// Recorded Gemini (AI Studio) payloads (src/__fixtures__/recorded/*.json) through the plugin, with
// undici's MockAgent as the upstream: exact paths, the key header, mapping both ways, errors, streams.
import { testDeployment } from '@switchyard/core/testing';
import { runRecordedFixtures } from '@switchyard/provider-testkit';
import { gemini } from './gemini-provider.js';

const ORIGIN = 'https://generativelanguage.googleapis.com';

runRecordedFixtures({
  name: 'gemini',
  plugin: (dispatcher) => gemini({ env: {}, dispatcher }),
  directory: new URL('./__fixtures__/recorded/', import.meta.url),
  origin: ORIGIN,
  deployment: (fixture) => {
    const { model = 'gemini/gemini-2.5-flash', ...rest } = (fixture.deployment ?? {}) as Record<string, unknown>;
    const upstreamModel = String(model).slice('gemini/'.length);
    return testDeployment({ provider: 'gemini', upstreamModel, modelName: upstreamModel, apiKey: 'AIzaSyFixture-0123456789abcdef', extraParams: rest });
  },
});
