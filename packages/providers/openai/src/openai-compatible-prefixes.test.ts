import { isGatewayError, silentLogger, type Provider } from '@switchyard/core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { testCall, testDeployment, type TestDeploymentOptions } from './__fixtures__/test-deployment.js';
import { openai } from './index.js';

// The table's rows as the plugin uses them: default base URL, key variables, the Ollama path
// quirk, per-prefix endpoints. One MockAgent per test; no network.

let agent: MockAgent;
afterEach(() => agent.close());

function setup(env: Record<string, string> = {}): Provider {
  agent = new MockAgent();
  agent.disableNetConnect();
  return openai({ dispatcher: agent, env }).create({ logger: silentLogger });
}

function capture(origin: string, path: string): { headers?: Record<string, string>; body?: unknown }[] {
  const seen: { headers?: Record<string, string>; body?: unknown }[] = [];
  agent
    .get(origin)
    .intercept({ path, method: 'POST' })
    .reply(200, (request) => {
      seen.push({ headers: request.headers as Record<string, string>, body: JSON.parse(String(request.body)) });
      return '{"object":"chat.completion","choices":[]}';
    }, { headers: { 'content-type': 'application/json' } });
  return seen;
}

const deployment = (options: TestDeploymentOptions) => testDeployment({ apiBase: undefined, ...options });

describe('OpenAI-compatible prefixes from schemas/providers/openai-compatible.json', () => {
  it('sends groq/ to its default base URL with GROQ_API_KEY', async () => {
    const provider = setup({ GROQ_API_KEY: 'gsk-env', OPENAI_API_KEY: 'sk-openai-never-sent' });
    const seen = capture('https://api.groq.com', '/openai/v1/chat/completions');
    await provider.send(testCall({ deployment: deployment({ provider: 'groq', upstreamModel: 'llama-3.3-70b-versatile' }) }));
    expect(seen[0]?.headers?.authorization).toBe('Bearer gsk-env');
  });

  it("appends Ollama's /v1 to LiteLLM's api_base: http://localhost:11434, and sends no key", async () => {
    const provider = setup({ OPENAI_API_KEY: 'sk-openai-never-sent' });
    const seen = capture('http://localhost:11434', '/v1/chat/completions');
    await provider.send(testCall({ deployment: deployment({ provider: 'ollama_chat', apiBase: 'http://localhost:11434' }) }));
    expect(seen[0]?.headers?.authorization).toBeUndefined();
  });

  it('keeps an api_base that already ends with /v1 as it is', async () => {
    const provider = setup();
    const seen = capture('http://gpu-box:11434', '/v1/chat/completions');
    await provider.send(testCall({ deployment: deployment({ provider: 'ollama', apiBase: 'http://gpu-box:11434/v1' }) }));
    expect(seen).toHaveLength(1);
  });

  it('reads a base URL variable (HOSTED_VLLM_API_BASE) when the deployment has no api_base', async () => {
    const provider = setup({ HOSTED_VLLM_API_BASE: 'http://10.0.0.8:8000/v1' });
    const seen = capture('http://10.0.0.8:8000', '/v1/chat/completions');
    await provider.send(testCall({ deployment: deployment({ provider: 'hosted_vllm' }) }));
    expect(seen).toHaveLength(1);
  });

  it('refuses to call a key-required default upstream without a key, naming the variables', async () => {
    const provider = setup();
    const error = await provider.send(testCall({ deployment: deployment({ provider: 'together_ai' }) })).catch((caught: unknown) => caught);
    expect(isGatewayError(error) && error.code).toBe('missing_upstream_api_key');
    expect(String((error as Error).message)).toContain('TOGETHERAI_API_KEY or TOGETHER_AI_API_KEY or TOGETHER_API_KEY');
  });

  it('says per deployment which endpoints the upstream serves natively', () => {
    const provider = setup();
    expect([...provider.endpointsFor!(deployment({ provider: 'perplexity' }))]).toEqual(['chat.completions']);
    expect([...provider.endpointsFor!(deployment({ provider: 'hosted_vllm' }))]).toEqual(['chat.completions', 'responses', 'embeddings']);
    expect([...provider.endpointsFor!(deployment({ provider: 'openai' }))]).toEqual(['chat.completions', 'responses', 'embeddings']);
  });
});
