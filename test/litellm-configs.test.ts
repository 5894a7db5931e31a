import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { azure } from '@switchyard/provider-azure';
import { bedrock } from '@switchyard/provider-bedrock';
import { openai } from '@switchyard/provider-openai';
import { memoryResponseCache } from '@switchyard/core';
import OpenAI from 'openai';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, EMBEDDING, FakeUpstream, sendJson } from './support/fake-upstream.js';
import { startStandaloneHost } from './support/hosts.js';

// Real LiteLLM config files (test/fixtures/litellm-configs/README.md says where each comes from)
// started as `switchyard --config` would, in process. Every upstream origin they name
// (api.groq.com, localhost:11434, …) is redirected by the OpenAI plugin's dispatcher to one fake
// upstream on loopback; the fake records the path and headers, the interceptor the origin meant.

const FIXTURES = fileURLToPath(new URL('./fixtures/litellm-configs/', import.meta.url));

/** Keys the OpenAI plugin reads from its environment when a deployment names none. */
const PROVIDER_ENV = { OPENAI_API_KEY: 'sk-env-openai', MISTRAL_API_KEY: 'sk-env-mistral' };

interface ExpectedCall {
  /** What the client sends as `model`. */
  readonly model: string;
  readonly endpoint?: 'chat' | 'embeddings';
  /** The upstream origin and path the table (or the config's api_base) leads to. */
  readonly origin: string;
  readonly path: string;
  /** The Authorization header the upstream must see; null for none. */
  readonly authorization: string | null;
  /** The `api-key` header (Azure) the upstream must see; default none. */
  readonly apiKey?: string;
  /** The `model` the upstream must receive. */
  readonly upstreamModel: string;
}

interface ConfigCase {
  readonly file: string;
  /** Provider prefixes whose deployments are skipped at start-up, each named in one warning. */
  readonly skipped?: readonly string[];
  /** Config keys each named in some "not implemented" warning. */
  readonly ignored?: readonly string[];
  readonly calls: readonly ExpectedCall[];
  /** Names a client gets model_not_found ("not served") for, as their deployments were skipped. */
  readonly notServed?: readonly string[];
  /** Names whose deployment loads but whose `model_info.mode` (batch, …) Switchyard does not serve: 400 unsupported_mode. */
  readonly unservedMode?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

const OPENAI = 'https://api.openai.com';
const GROQ = 'https://api.groq.com';
const RAILWAY = 'https://exampleopenaiendpoint-production.up.railway.app';
const ENV_BASE = 'https://env-api-base.test';

const CASES: readonly ConfigCase[] = [
  {
    file: 'simple_config.yaml',
    calls: [{ model: 'gpt-3.5-turbo', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer sk-env-openai', upstreamModel: 'gpt-5-mini' }],
  },
  {
    file: 'aliases_config.yaml',
    ignored: ['litellm_params.temperature', 'litellm_params.max_tokens'],
    calls: [
      { model: 'gpt-4', origin: 'http://localhost:11434', path: '/v1/chat/completions', authorization: null, upstreamModel: 'llama2' },
      { model: 'text-davinci-003', origin: 'http://localhost:11434', path: '/v1/chat/completions', authorization: null, upstreamModel: 'zephyr' },
    ],
  },
  {
    file: 'azure_config.yaml',
    // tpm is the router's (usage-based routing); per-deployment max_retries is not.
    ignored: ['litellm_params.max_retries'],
    calls: [
      { model: 'gpt-4-team1', origin: 'https://openai-gpt-4-test-v-1.openai.azure.com', path: '/openai/deployments/chatgpt-v-2/chat/completions?api-version=2023-05-15', authorization: null, apiKey: 'k-AZURE_API_KEY', upstreamModel: 'chatgpt-v-2' },
      // No api_version: the plugin's default (the latest GA version).
      { model: 'gpt-4-team2', origin: 'https://openai-gpt-4-test-v-2.openai.azure.com', path: '/openai/deployments/gpt-4/chat/completions?api-version=2024-10-21', authorization: null, apiKey: 'k-AZURE_API_KEY', upstreamModel: 'gpt-4' },
    ],
  },
  {
    file: 'china_domestic_free_sources.yaml',
    ignored: ['general_settings.port'],
    calls: [
      {
        model: 'sf-deepseek-r1',
        origin: 'https://api.siliconflow.cn',
        path: '/v1/chat/completions',
        authorization: 'Bearer k-SILICONFLOW_API_KEY',
        upstreamModel: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
      },
      { model: 'glm-4-flash', origin: 'https://open.bigmodel.cn', path: '/api/paas/v4/chat/completions', authorization: 'Bearer k-ZHIPU_API_KEY', upstreamModel: 'glm-4-flash' },
    ],
  },
  {
    file: 'docs-github.yaml',
    calls: [
      {
        model: 'github-Llama-3.2-11B-Vision-Instruct',
        origin: 'https://models.github.ai',
        path: '/inference/chat/completions',
        authorization: 'Bearer k-GITHUB_API_KEY',
        upstreamModel: 'Llama-3.2-11B-Vision-Instruct',
      },
    ],
  },
  {
    file: 'docs-groq.yaml',
    calls: [{ model: 'groq-llama3-8b-8192', origin: GROQ, path: '/openai/v1/chat/completions', authorization: 'Bearer k-GROQ_API_KEY', upstreamModel: 'llama3-8b-8192' }],
  },
  {
    file: 'docs-lm-studio.yaml',
    env: { LM_STUDIO_API_BASE: 'http://localhost:1234/v1' },
    calls: [{ model: 'my-model', origin: 'http://localhost:1234', path: '/v1/chat/completions', authorization: 'Bearer api-key', upstreamModel: '<your-model-name>' }],
  },
  {
    file: 'oai_misc_config.yaml',
    // anthropic/ is served by the Anthropic plugin, a default provider of the adapters.
    // bedrock/ loads (served by the Bedrock plugin); its deployment is `mode: batch`, LiteLLM's
    // S3 batch jobs, which Switchyard has no /v1/batches for: it answers unsupported_mode.
    ignored: ['finetune_settings', 'files_settings', 'litellm_settings.num_retries', 'litellm_params.region_name', 'litellm_params.s3_bucket_name', 'litellm_params.aws_batch_role_arn'],
    calls: [
      // No api_key of its own: OPENAI_API_KEY, which this config also reads for `*`.
      { model: 'gpt-5-mini-end-user-test', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer k-OPENAI_API_KEY', upstreamModel: 'gpt-5-mini' },
      // `model_name: "*"` → `openai/*`: any name goes to OpenAI as asked for.
      { model: 'gpt-4o', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer k-OPENAI_API_KEY', upstreamModel: 'gpt-4o' },
      // `groq/*` is more specific than `*`.
      { model: 'groq/llama-3.1-8b-instant', origin: GROQ, path: '/openai/v1/chat/completions', authorization: 'Bearer k-GROQ_API_KEY', upstreamModel: 'llama-3.1-8b-instant' },
    ],
    unservedMode: ['bedrock/batch-us.anthropic.claude-haiku-4-5-20251001-v1:0'],
    // A skipped `anthropic/*` must not fall through to the catch-all `*` (and OpenAI).
  },
  {
    file: 'otel_test_config.yaml',
    skipped: ['cohere'],
    ignored: ['guardrails'],
    calls: [
      { model: 'fake-openai-endpoint', origin: RAILWAY, path: '/chat/completions', authorization: 'Bearer fake-key', upstreamModel: 'fake' },
      { model: 'llava-hf', origin: 'http://localhost:8000', path: '/chat/completions', authorization: 'Bearer fake-key', upstreamModel: 'llava-hf/llava-v1.6-vicuna-7b-hf' },
    ],
    notServed: ['rerank-english-v3.0'],
  },
  {
    file: 'health_check_test_config.yaml',
    calls: [
      // api_base is os.environ/AZURE_API_BASE, set to ${ENV_BASE}/v1 here.
      { model: 'text-embedding-ada-002', endpoint: 'embeddings', origin: ENV_BASE, path: '/v1/openai/deployments/azure-embedding-model/embeddings?api-version=2023-07-01-preview', authorization: null, apiKey: 'k-AZURE_API_KEY', upstreamModel: 'azure-embedding-model' },
    ],
  },
  {
    file: 'multi_instance_simple_config.yaml',
    calls: [{ model: 'fake-openai-endpoint', origin: ENV_BASE, path: '/v1/chat/completions', authorization: 'Bearer my-fake-key', upstreamModel: 'my-fake-model' }],
  },
  {
    file: 'spend_tracking_config.yaml',
    ignored: ['general_settings.use_redis_transaction_buffer'],
    calls: [{ model: 'fake-openai-endpoint', origin: ENV_BASE, path: '/v1/chat/completions', authorization: 'Bearer fake-key', upstreamModel: 'gpt-5-mini' }],
  },
  {
    file: 'store_model_db_config.yaml',
    ignored: ['general_settings.store_model_in_db'],
    calls: [{ model: 'fake-openai-endpoint', origin: ENV_BASE, path: '/v1/chat/completions', authorization: 'Bearer my-fake-key', upstreamModel: 'my-fake-model' }],
  },
  {
    file: 'load_balancer.yaml',
    skipped: ['mistralai'],
    calls: [{ model: 'gpt-3.5-turbo', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer sk-uj6F', upstreamModel: 'gpt-3.5-turbo' }],
    notServed: ['mistral-7b-instruct'],
  },
  {
    file: 'macos_optimized_config.yaml',
    skipped: ['gemini'],
    calls: [
      { model: 'gpt-4', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer k-OPENAI_API_KEY', upstreamModel: 'gpt-4' },
      { model: 'local-llama', origin: 'http://localhost:11434', path: '/v1/chat/completions', authorization: null, upstreamModel: 'llama2' },
    ],
    notServed: ['gemini-pro'],
  },
  {
    file: 'proxy_server_config.yaml',
    // Its router_settings name a Redis (redis_host/port/password): a port that is a port, on a host
    // that does not resolve here, so the router logs it unreachable and routes on local state.
    env: { REDIS_PORT: '6379', REDIS_HOST: 'redis.invalid' },
    skipped: ['sagemaker', 'text-completion-openai'],
    ignored: ['finetune_settings', 'general_settings.pass_through_endpoints'],
    calls: [
      { model: 'gpt-3.5-turbo-large', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer k-OPENAI_API_KEY', upstreamModel: 'gpt-3.5-turbo-1106' },
      { model: 'mistral-embed', endpoint: 'embeddings', origin: 'https://api.mistral.ai', path: '/v1/embeddings', authorization: 'Bearer sk-env-mistral', upstreamModel: 'mistral-embed' },
      { model: 'groq/llama-3.3-70b-versatile', origin: GROQ, path: '/openai/v1/chat/completions', authorization: 'Bearer k-GROQ_API_KEY', upstreamModel: 'llama-3.3-70b-versatile' },
      { model: 'gpt-4o-mini', origin: OPENAI, path: '/v1/chat/completions', authorization: 'Bearer k-OPENAI_API_KEY', upstreamModel: 'gpt-4o-mini' },
      { model: 'gpt-4', origin: 'https://openai-gpt-4-test-v-1.openai.azure.com', path: '/openai/deployments/chatgpt-v-2/chat/completions?api-version=2023-05-15', authorization: null, apiKey: 'k-AZURE_API_KEY', upstreamModel: 'chatgpt-v-2' },
      { model: 'text-embedding-ada-002', endpoint: 'embeddings', origin: 'https://openai-gpt-4-test-v-1.openai.azure.com', path: '/openai/deployments/azure-embedding-model/embeddings?api-version=2023-05-15', authorization: null, apiKey: 'k-AZURE_API_KEY', upstreamModel: 'azure-embedding-model' },
    ],
    notServed: ['sagemaker-completion-model', 'gpt-instruct'],
  },
];

/** Every `os.environ/NAME` a config reads, set as a user would have it: keys `k-NAME`, bases a URL. */
function environmentFor(file: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = { ...PROVIDER_ENV };
  for (const [, name] of readFileSync(FIXTURES + file, 'utf8').matchAll(/os\.environ\/([A-Z0-9_]+)/g)) {
    env[name!] = name!.endsWith('_API_BASE') ? `${ENV_BASE}/v1` : `k-${name}`;
  }
  return { ...env, ...extra };
}

let upstream: FakeUpstream;
/** The origins the plugin meant to reach, in order. */
const origins: string[] = [];
let redirect: Dispatcher;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const fakeOrigin = new URL(upstream.url).origin;
  redirect = new Agent().compose((dispatch) => (options, handler) => {
    origins.push(String(options.origin));
    return dispatch({ ...options, origin: fakeOrigin }, handler);
  });
});

afterAll(async () => {
  await upstream.close();
  await redirect.close();
});

describe('real LiteLLM configs', () => {
  for (const testCase of CASES) {
    it(`${testCase.file} starts, warns as expected and reaches its upstreams`, async () => {
      upstream.reset();
      origins.length = 0;
      upstream.handle((request, response) => {
        if (request.path.endsWith('/embeddings')) {
          sendJson(response, 200, { object: 'list', data: [{ object: 'embedding', index: 0, embedding: EMBEDDING }], model: request.body.model, usage: { prompt_tokens: 2, total_tokens: 2 } });
        } else {
          sendJson(response, 200, chatCompletion(request.body.model));
        }
        return true;
      });
      const warnings: string[] = [];
      const logger = { debug() {}, info() {}, error() {}, warn: (_object: object, message?: string) => void warnings.push(message ?? '') };
      const env = environmentFor(testCase.file, testCase.env);
      // random 0: the router picks a group's first deployment, the one each call below expects.
      // Configs with `cache: true` get an in-process cache of their own: a shared Redis would answer
      // the next run's calls from this run's entries, and the calls below must reach the upstream.
      const responseCache = memoryResponseCache({ maxBytes: 1_000_000 });
      const host = await startStandaloneHost({ config: FIXTURES + testCase.file, env, logger, random: () => 0, responseCache, providers: [openai({ dispatcher: redirect, env }), azure({ dispatcher: redirect, env }), bedrock({ dispatcher: redirect, env })] });
      try {
        const skipWarnings = warnings.filter((warning) => warning.startsWith('skipping deployments:'));
        expect(skipWarnings).toHaveLength(testCase.skipped?.length ?? 0);
        for (const provider of testCase.skipped ?? []) expect(skipWarnings.some((warning) => warning.includes(`provider "${provider}/"`))).toBe(true);
        for (const key of testCase.ignored ?? []) expect(warnings.some((warning) => warning.includes(key)), `a warning names ${key}`).toBe(true);

        const masterKey = /master_key: (\S+)/.exec(readFileSync(FIXTURES + testCase.file, 'utf8'))?.[1] ?? 'no-key-needed';
        const client = new OpenAI({ apiKey: masterKey, baseURL: `${host.gatewayUrl}/v1`, maxRetries: 0 });
        for (const call of testCase.calls) {
          const before = upstream.requests.length;
          if (call.endpoint === 'embeddings') await client.embeddings.create({ model: call.model, input: 'hi' });
          else await client.chat.completions.create({ model: call.model, messages: [{ role: 'user', content: 'hi' }] });
          const received = upstream.requests[before]!;
          expect({ origin: origins[before], path: received.path, authorization: received.headers.authorization ?? null, apiKey: received.headers['api-key'] ?? null, model: received.body.model }).toEqual({
            origin: call.origin,
            path: call.path,
            authorization: call.authorization,
            apiKey: call.apiKey ?? null,
            model: call.upstreamModel,
          });
        }
        for (const model of testCase.notServed ?? []) {
          const refused = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
          expect(refused).toBeInstanceOf(OpenAI.NotFoundError);
          expect((refused as InstanceType<typeof OpenAI.NotFoundError>).message).toContain('is configured but not served');
        }
        for (const model of testCase.unservedMode ?? []) {
          const refused = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
          expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
          expect((refused as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('unsupported_mode');
        }
        expect(upstream.requests).toHaveLength(testCase.calls.length);
      } finally {
        await host.close();
      }
    });
  }
});

describe('per-prefix endpoints from the table', () => {
  it('bridges /v1/responses to Chat Completions for a prefix whose upstream has no Responses API (perplexity)', async () => {
    upstream.reset();
    const config = { model_list: [{ model_name: 'sonar', litellm_params: { model: 'perplexity/sonar', api_base: upstream.url, api_key: 'pplx-test' } }] };
    const host = await startStandaloneHost({ config, providers: [openai({ env: {} })] });
    try {
      const client = new OpenAI({ apiKey: 'unused', baseURL: `${host.gatewayUrl}/v1`, maxRetries: 0 });
      const response = await client.responses.create({ model: 'sonar', input: 'hi' });
      expect(response.output_text).toBe('Hello from upstream');
      expect(upstream.requests.map((request) => request.path)).toEqual(['/v1/chat/completions']);
      expect(upstream.requests[0]?.headers.authorization).toBe('Bearer pplx-test');
    } finally {
      await host.close();
    }
  });
});
