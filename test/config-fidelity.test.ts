// A LiteLLM config.yaml as a migrating user brings it: environment references in typed fields,
// named credentials, modes Switchyard does not serve, typos, and every problem reported in one
// run, through the real `switchyard` binary, `gateway()` and all three hosts over real sockets.
import { gateway as expressGateway, isGatewayError, silentLogger, type GatewayConfig, type Logger } from '@switchyard/express';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';
import { runRefusedConfig, writeConfig } from './support/run-cli.js';

const MASTER = 'sk-master-fidelity-0001';
const UPSTREAM_SECRET = 'sk-upstream-fidelity-0002';
const CREDENTIAL_SECRET = 'sk-credential-fidelity-0003';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());
afterEach(() => upstream.reset());

function thrownBy(build: () => unknown): Error & { problems?: readonly string[] } {
  try {
    build();
  } catch (error) {
    expect(isGatewayError(error)).toBe(true);
    return error as Error & { problems?: readonly string[] };
  }
  throw new Error('gateway() accepted the config');
}

describe('start-up errors never print secrets', () => {
  const broken = () =>
    `general_settings:\n  master_key: ${MASTER}\nmodel_list:\n  - model_name: a\n    litellm_params: { model: openai/a, api_key: ${UPSTREAM_SECRET}, api_base: [oops\n`;

  it('the switchyard binary names the line and the problem of a YAML syntax error, keys masked, and exits 1', async () => {
    const { code, output } = await runRefusedConfig(await writeConfig(broken()));
    expect(code).toBe(1);
    expect(output).toMatch(/is not valid YAML:\n {2}- line \d+, column \d+: /);
    expect(output).toContain('api_key: ****');
    expect(output).not.toContain(MASTER);
    expect(output).not.toContain(UPSTREAM_SECRET);
    expect(output).not.toContain('    at ');
  });

  it("gateway()'s thrown error is just as safe", async () => {
    const path = await writeConfig(broken());
    const error = thrownBy(() => expressGateway({ config: path, logger: silentLogger }));
    expect(error.message).toContain('is not valid YAML');
    expect(error.message).not.toContain(MASTER);
    expect(error.message).not.toContain(UPSTREAM_SECRET);
  });
});

describe('every problem in one run', () => {
  const config = () =>
    [
      'general_setings:',
      `  master_key: ${MASTER}`,
      'model_list:',
      '  - model_name: a',
      '    litellm_params:',
      '      model: openai/a',
      '      api_base: os.environ/FIDELITY_UNSET_BASE',
      '  - model_name: b',
      '    litellm_params:',
      '      model: sagemaker/b',
      '  - model_name: c',
      '    litellm_params:',
      '      model: openai/c',
      '      api_bse: http://127.0.0.1:9/v1',
      '      timeout: soon',
      `      api_key: ${UPSTREAM_SECRET}`,
      '  - model_name: d',
      '    litellm_params:',
      '      model: cohere/d',
      // Unservable deployments are skipped with a warning by default (as in LiteLLM's proxy);
      // strict mode makes them problems of the same run.
      'router_settings:',
      '  ignore_invalid_deployments: false',
      '',
    ].join('\n');
  const EXPECTED = [
    'general_setings is not a known key; did you mean general_settings?',
    'model_list[2].litellm_params.api_bse is not a known key; did you mean api_base?',
    'Environment variable FIDELITY_UNSET_BASE is not set (used by model_list[0].litellm_params.api_base)',
    'model_list[2].litellm_params.timeout must be number',
    'provider "sagemaker/" is not served by Switchyard yet',
    'provider "cohere/" is not served by Switchyard yet',
  ];

  it('the binary prints them all, each with its path, then exits 1', async () => {
    const { code, output } = await runRefusedConfig(await writeConfig(config()));
    expect(code).toBe(1);
    expect(output).toContain('6 problems:');
    for (const line of EXPECTED) expect(output).toContain(`  - ${line}`);
    expect(output).toContain('used by model_list[1].litellm_params.model (model_name "b")');
    expect(output).toContain('used by model_list[3].litellm_params.model (model_name "d")');
    expect(output).not.toContain(MASTER);
    expect(output).not.toContain(UPSTREAM_SECRET);
  });

  it('gateway() throws one GatewayError listing them all', async () => {
    const path = await writeConfig(config());
    const error = thrownBy(() => expressGateway({ config: path, logger: silentLogger }));
    expect(error.problems).toHaveLength(EXPECTED.length);
    EXPECTED.forEach((line, index) => expect(error.problems![index]).toContain(line));
    expect(error.message).not.toContain(MASTER);
  });
});

/** A logger that keeps its warning lines, to assert what a user sees at start-up. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warnings, warn: (_object, message) => void warnings.push(message ?? '') };
}

describe.each(ALL_HOSTS)('a LiteLLM config.yaml on %s', (_name, startHost) => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('resolves os.environ/ in api_base and timeout before validating them, and serves', async () => {
    const path = await writeConfig(
      [
        'model_list:',
        '  - model_name: env-model',
        '    litellm_params:',
        '      model: openai/gpt-4o-mini',
        '      api_base: os.environ/FIDELITY_API_BASE',
        '      api_key: os.environ/FIDELITY_API_KEY',
        '      timeout: os.environ/FIDELITY_TIMEOUT',
        '      rpm: "60"',
        'environment_variables:',
        '  FIDELITY_TIMEOUT: 30',
        'general_settings:',
        `  master_key: ${MASTER}`,
        '',
      ].join('\n'),
    );
    host = await startHost({ config: path, env: { FIDELITY_API_BASE: upstream.url, FIDELITY_API_KEY: UPSTREAM_SECRET } });
    const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'env-model', messages: [{ role: 'user', content: 'x' }] });
    expect(reply.choices[0]?.message.content).toBe('Hello from upstream');
    expect(upstream.requests[0]?.path).toBe('/v1/chat/completions');
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);
  });

  it('credential_list: a deployment naming a credential reaches the upstream with its key and base', async () => {
    const config: GatewayConfig = {
      credential_list: [{ credential_name: 'shared-openai', credential_values: { api_key: 'os.environ/FIDELITY_CREDENTIAL_KEY', api_base: upstream.url } }],
      model_list: [{ model_name: 'cred-model', litellm_params: { model: 'openai/gpt-4o-mini', litellm_credential_name: 'shared-openai' } }],
      general_settings: { master_key: MASTER },
    };
    host = await startHost({ config, env: { FIDELITY_CREDENTIAL_KEY: CREDENTIAL_SECRET } });
    const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER, maxRetries: 0 });
    await client.chat.completions.create({ model: 'cred-model', messages: [{ role: 'user', content: 'x' }] });
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${CREDENTIAL_SECRET}`);
  });

  it('a deployment of a mode Switchyard does not serve loads, and answers with an OpenAI-style error naming the mode', async () => {
    const logger = recordingLogger();
    const config: GatewayConfig = {
      model_list: [
        { model_name: 'dall-e', litellm_params: { model: 'openai/dall-e-3', api_base: upstream.url, api_key: UPSTREAM_SECRET }, model_info: { mode: 'image_generation' } },
        { model_name: 'chat', litellm_params: { model: 'openai/gpt-4o-mini', api_base: upstream.url, api_key: UPSTREAM_SECRET } },
      ],
      general_settings: { master_key: MASTER },
    };
    host = await startHost({ config, logger });
    expect(logger.warnings).toContain(
      'model_list[0].model_info.mode: Switchyard does not serve image_generation deployments yet; requests for model "dall-e" are answered with an unsupported_mode error',
    );
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER}` },
      body: JSON.stringify({ model: 'dall-e', messages: [{ role: 'user', content: 'a cat' }] }),
    });
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body).toEqual({
      error: { message: expect.stringContaining('model_info.mode "image_generation"'), type: 'invalid_request_error', param: 'model', code: 'unsupported_mode' },
    });
    expect(upstream.requests).toHaveLength(0);
    const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER, maxRetries: 0 });
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'x' }] });
    expect(upstream.requests).toHaveLength(1);
  });

  it('load-balances deployments sharing a model_name (no "not load-balanced" warning any more)', async () => {
    const logger = recordingLogger();
    const config: GatewayConfig = {
      model_list: [
        { model_name: 'twin', litellm_params: { model: 'openai/first', api_base: upstream.url, api_key: UPSTREAM_SECRET } },
        { model_name: 'twin', litellm_params: { model: 'openai/second', api_base: upstream.url, api_key: UPSTREAM_SECRET } },
      ],
      router_settings: { routing_strategy: 'simple-shuffle' },
      general_settings: { master_key: MASTER },
    };
    // Uniform shuffle over two: a draw below 0.5 picks the first, above it the second.
    const draws = [0.9, 0.1];
    host = await startHost({ config, logger, random: () => draws.shift() ?? 0 });
    expect(logger.warnings.filter((line) => line.includes('load-balanced') || line.includes('router_settings'))).toEqual([]);
    const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER, maxRetries: 0 });
    await client.chat.completions.create({ model: 'twin', messages: [{ role: 'user', content: 'x' }] });
    await client.chat.completions.create({ model: 'twin', messages: [{ role: 'user', content: 'x' }] });
    expect(upstream.requests.map((request) => request.body.model)).toEqual(['second', 'first']);
  });

  it('a misspelt general_settings refuses to start instead of running without the master key', async () => {
    await expect(startHost({ config: { model_list: [], general_setings: { master_key: MASTER } } as never })).rejects.toThrow(
      'general_setings is not a known key; did you mean general_settings?',
    );
  });
});
