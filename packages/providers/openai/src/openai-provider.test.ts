import { isGatewayError, silentLogger, type GatewayError, type GatewayResponse, type Provider } from '@switchyard/core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testCall, testDeployment } from './__fixtures__/test-deployment.js';
import { openai } from './index.js';
import type { OpenAIProviderOptions } from './openai-provider-options.js';

interface Captured {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const CHAT_COMPLETION = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-5.5',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};

let agent: MockAgent | undefined;

function setup(options: Omit<OpenAIProviderOptions, 'dispatcher'> = {}): Provider {
  const mockAgent = new MockAgent();
  mockAgent.disableNetConnect();
  agent = mockAgent;
  return openai({ ...options, dispatcher: mockAgent }).create({ logger: silentLogger });
}

/** Answers the next request to origin+path and records what was sent. */
function intercept(origin: string, path: string, status: number, data: unknown, headers: Record<string, string> = {}): Captured[] {
  const captured: Captured[] = [];
  agent!
    .get(origin)
    .intercept({ path, method: 'POST' })
    .reply(
      status,
      (request) => {
        captured.push({ path: request.path, headers: request.headers as Record<string, string>, body: JSON.parse(String(request.body)) });
        return typeof data === 'string' ? data : JSON.stringify(data);
      },
      { headers: { 'content-type': 'application/json', ...headers } },
    );
  return captured;
}

async function sendExpectingError(provider: Provider, call: Parameters<Provider['send']>[0]): Promise<GatewayError> {
  const error = await provider.send(call).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGatewayError(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  // Every reply a test set up was asked for: no test passes by never reaching the upstream.
  agent?.assertNoPendingInterceptors();
  await agent?.close();
  agent = undefined;
});

describe('openai provider: requests', () => {
  it('forwards the body, path and headers exactly and returns the parsed JSON', async () => {
    const provider = setup();
    const captured = intercept('https://api.openai.com', '/v1/chat/completions', 200, CHAT_COMPLETION, {
      'x-request-id': 'req_upstream_1',
      'openai-processing-ms': '42',
      'x-ratelimit-remaining-requests': '99',
      'set-cookie': 'session=secret',
      'openai-organization': 'org-secret',
    });
    const body = { model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hello' }], temperature: 0.2, n: 1 };
    const response = await provider.send(testCall({ deployment: testDeployment({ apiKey: 'sk-test-key-123' }), body }));

    expect(captured).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "messages": [
              {
                "content": "Hello",
                "role": "user",
              },
            ],
            "model": "gpt-5.5",
            "n": 1,
            "temperature": 0.2,
          },
          "headers": {
            "authorization": "Bearer sk-test-key-123",
            "content-type": "application/json",
          },
          "path": "/v1/chat/completions",
        },
      ]
    `);
    expect(response).toEqual<GatewayResponse>({
      kind: 'json',
      status: 200,
      headers: { 'x-upstream-request-id': 'req_upstream_1', 'openai-processing-ms': '42', 'x-ratelimit-remaining-requests': '99' },
      body: CHAT_COMPLETION,
    });
  });

  it('keeps the path prefix and query of api_base', async () => {
    const provider = setup();
    const captured = intercept('http://127.0.0.1:8000', '/proxy/v1/responses?tenant=a', 200, { id: 'resp_1', object: 'response' });
    const deployment = testDeployment({ apiBase: 'http://127.0.0.1:8000/proxy/v1/?tenant=a' });
    const response = await provider.send(testCall({ deployment, endpoint: 'responses', body: { model: 'gpt-5.5', input: 'Hi' } }));
    expect(captured[0]?.path).toBe('/proxy/v1/responses?tenant=a');
    expect(response.kind === 'json' && response.body).toEqual({ id: 'resp_1', object: 'response' });
  });

  it('forwards embeddings with encoding_format untouched', async () => {
    const provider = setup();
    const captured = intercept('https://api.openai.com', '/v1/embeddings', 200, { object: 'list', data: [] });
    const body = { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'base64' };
    await provider.send(testCall({ deployment: testDeployment({ apiKey: 'sk-test-key-123' }), endpoint: 'embeddings', body }));
    expect(captured[0]?.body).toEqual(body);
  });

  it('sends the organization header from litellm_params.organization', async () => {
    const provider = setup();
    const captured = intercept('https://api.openai.com', '/v1/chat/completions', 200, CHAT_COMPLETION);
    await provider.send(testCall({ deployment: testDeployment({ apiKey: 'sk-test-key-123', extraParams: { organization: 'org-123' } }) }));
    expect(captured[0]?.headers['openai-organization']).toBe('org-123');
  });
});

describe('openai provider: API keys', () => {
  it('uses OPENAI_API_KEY, read when the provider is created, for deployments without a key', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env-456');
    const provider = setup();
    vi.stubEnv('OPENAI_API_KEY', 'sk-changed-later');
    const captured = intercept('https://api.openai.com', '/v1/chat/completions', 200, CHAT_COMPLETION);
    await provider.send(testCall({ deployment: testDeployment() }));
    expect(captured[0]?.headers.authorization).toBe('Bearer sk-from-env-456');
  });

  it("prefers the deployment's own key to OPENAI_API_KEY", async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env-456');
    const provider = setup();
    const captured = intercept('https://api.openai.com', '/v1/chat/completions', 200, CHAT_COMPLETION);
    await provider.send(testCall({ deployment: testDeployment({ apiKey: 'sk-own-key-789' }) }));
    expect(captured[0]?.headers.authorization).toBe('Bearer sk-own-key-789');
  });

  it('sends no Authorization header to a custom api_base when no key is configured', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const provider = setup();
    const captured = intercept('http://127.0.0.1:8000', '/v1/chat/completions', 200, CHAT_COMPLETION);
    await provider.send(testCall({ deployment: testDeployment({ apiBase: 'http://127.0.0.1:8000/v1' }) }));
    expect(captured[0]?.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('never sends OPENAI_API_KEY to a server declared under an OpenAI-compatible alias', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env-456');
    const provider = setup();
    const captured = intercept('http://127.0.0.1:8000', '/v1/chat/completions', 200, CHAT_COMPLETION);
    await provider.send(testCall({ deployment: testDeployment({ provider: 'hosted_vllm', apiBase: 'http://127.0.0.1:8000/v1' }) }));
    expect(captured[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses to call api.openai.com without a key, naming the deployment and the variable', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const provider = setup();
    const error = await sendExpectingError(provider, testCall({ deployment: testDeployment() }));
    expect(error.code).toBe('missing_upstream_api_key');
    expect(error.status).toBe(500);
    expect(error.message).toContain('"gpt-test" (model_list[0])');
    expect(error.message).toContain('OPENAI_API_KEY');
  });

  it('asks for api_base when an OpenAI-compatible alias has none', async () => {
    const provider = setup();
    const error = await sendExpectingError(provider, testCall({ deployment: testDeployment({ provider: 'lm_studio' }) }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('model_list[0].litellm_params.api_base');
  });
});

describe('openai provider: upstream errors', () => {
  it('passes a 429 through with its status, OpenAI error body and retry headers', async () => {
    const provider = setup();
    const upstreamError = { message: 'Rate limit reached for gpt-5.5 in organization org-1 on requests per min.', type: 'requests', param: null, code: 'rate_limit_exceeded' };
    intercept('https://api.openai.com', '/v1/chat/completions', 429, { error: upstreamError }, {
      'retry-after': '7',
      'x-ratelimit-reset-requests': '7s',
      'x-request-id': 'req_429',
      'set-cookie': 'a=b',
    });
    const error = await sendExpectingError(provider, testCall({ deployment: testDeployment({ apiKey: 'sk-test-key-123' }) }));
    expect({ status: error.status, body: error.toJSON(), headers: error.headers }).toEqual({
      status: 429,
      body: { error: upstreamError },
      headers: { 'retry-after': '7', 'x-ratelimit-reset-requests': '7s', 'x-upstream-request-id': 'req_429' },
    });
  });

  it('passes a 500 without a JSON body through with a generic message', async () => {
    const provider = setup();
    intercept('https://api.openai.com', '/v1/chat/completions', 500, '<html>Internal Server Error</html>');
    const error = await sendExpectingError(provider, testCall({ deployment: testDeployment({ apiKey: 'sk-test-key-123' }) }));
    expect(error.status).toBe(500);
    expect(error.toJSON()).toEqual({ error: { message: 'Upstream returned HTTP 500', type: 'upstream_error', param: null, code: 'upstream_error' } });
  });

  it('reads vLLM-style errors with top-level fields and a numeric code', async () => {
    const provider = setup();
    intercept('http://127.0.0.1:8000', '/v1/chat/completions', 400, { object: 'error', message: 'max_tokens is too large', type: 'BadRequestError', param: null, code: 400 });
    const error = await sendExpectingError(provider, testCall({ deployment: testDeployment({ apiBase: 'http://127.0.0.1:8000/v1' }) }));
    expect(error.toJSON()).toEqual({ error: { message: 'max_tokens is too large', type: 'BadRequestError', param: null, code: 'upstream_error' } });
    expect(error.status).toBe(400);
  });

  it('redacts API keys, including the deployment own key, from upstream messages', async () => {
    const provider = setup();
    const ownKey = 'my-private-gateway-key-0001';
    const message = `Incorrect API key provided: ${ownKey}. Also seen: sk-proj-abcDEF123456 and sk-proj-********wxyz. Header was Bearer ${ownKey}`;
    intercept('http://127.0.0.1:8000', '/v1/chat/completions', 401, { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    const deployment = testDeployment({ apiBase: 'http://127.0.0.1:8000/v1', apiKey: ownKey });
    const error = await sendExpectingError(provider, testCall({ deployment }));
    expect(error.status).toBe(401);
    expect(error.message).toBe('Incorrect API key provided: [redacted]. Also seen: [redacted] and [redacted]. Header was Bearer [redacted]');
    expect(JSON.stringify(error.toJSON())).not.toContain('private-gateway');
  });

  it('redacts the fallback key (OPENAI_API_KEY) from every error field and passed-on header', async () => {
    const fallback = 'env-fallback-key-Zq81xPp0';
    const provider = setup({ apiKey: fallback });
    const error = { message: `Incorrect API key provided: ${fallback.slice(0, 8)}****xPp0`, type: fallback, param: fallback, code: fallback };
    intercept('https://api.openai.com', '/v1/chat/completions', 401, { error }, { 'x-request-id': fallback, 'x-ratelimit-remaining-requests': `Bearer ${fallback}` });
    const mapped = await sendExpectingError(provider, testCall({ deployment: testDeployment() }));
    expect(mapped.toJSON()).toEqual({ error: { message: 'Incorrect API key provided: [redacted]', type: '[redacted]', param: '[redacted]', code: 'upstream_error' } });
    expect(mapped.headers).toEqual({ 'x-upstream-request-id': '[redacted]', 'x-ratelimit-remaining-requests': 'Bearer [redacted]' });
  });

  it('answers 502 upstream_invalid_response when a 2xx body is not JSON', async () => {
    const provider = setup();
    intercept('https://api.openai.com', '/v1/chat/completions', 200, 'not json at all');
    const error = await sendExpectingError(provider, testCall({ deployment: testDeployment({ apiKey: 'sk-test-key-123' }) }));
    expect(error.code).toBe('upstream_invalid_response');
    expect(error.status).toBe(502);
  });

  it('caps the response size: the maxResponseBytes option wins over general_settings.max_response_size_mb', async () => {
    const body = JSON.stringify(CHAT_COMPLETION);
    const fromConfig = testDeployment({ apiKey: 'sk-test-key-123', maxResponseBytes: body.length - 1 });
    const capped = setup();
    intercept('https://api.openai.com', '/v1/chat/completions', 200, body);
    const error = await sendExpectingError(capped, testCall({ deployment: fromConfig }));
    expect(error).toMatchObject({ code: 'upstream_response_too_large', status: 502 });
    expect(error.message).toContain('general_settings.max_response_size_mb');

    const roomier = setup({ maxResponseBytes: body.length });
    intercept('https://api.openai.com', '/v1/chat/completions', 200, body);
    const response = await roomier.send(testCall({ deployment: fromConfig }));
    expect(response).toMatchObject({ kind: 'json', status: 200, body: CHAT_COMPLETION });
  });
});

describe('openai(): plugin', () => {
  it('serves openai and the OpenAI-compatible LiteLLM prefixes', () => {
    const plugin = openai();
    expect(plugin.name).toBe('openai');
    for (const prefix of ['openai_like', 'hosted_vllm', 'lm_studio', 'custom_openai', 'groq', 'ollama', 'ollama_chat', 'huggingface', 'moonshot']) {
      expect(plugin.aliases).toContain(prefix);
    }
    expect([...plugin.create({ logger: silentLogger }).endpoints]).toEqual(['chat.completions', 'responses', 'embeddings']);
  });

  it('rejects bad options when built, not on the first request', () => {
    expect(() => openai({ defaultBaseUrl: 'ftp://example.com' })).toThrow(/defaultBaseUrl/);
    expect(() => openai({ connectionsPerOrigin: 0 })).toThrow(/connectionsPerOrigin/);
    expect(() => openai({ maxResponseBytes: 1.5 })).toThrow(/maxResponseBytes/);
  });
});
