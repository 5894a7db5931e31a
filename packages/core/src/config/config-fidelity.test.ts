import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../errors/gateway-error.js';
import { loadSettings } from './load-settings.js';

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-fidelity-'));
  const path = join(dir, 'config.yaml');
  await writeFile(path, text);
  return path;
}

function errorOf(attempt: () => unknown): Error & { problems?: readonly string[] } {
  try {
    attempt();
  } catch (error) {
    if (isGatewayError(error)) return error as Error & { problems?: readonly string[] };
    throw error;
  }
  throw new Error('expected an invalid_config error');
}

describe('os.environ/ references resolve before validation', () => {
  it('validates api_base, timeout, rpm and stream_timeout as the values the variables hold', () => {
    const settings = loadSettings({
      config: {
        model_list: [
          {
            model_name: 'azure-gpt',
            litellm_params: { model: 'openai/gpt-4o', api_base: 'os.environ/AZURE_API_BASE', timeout: 'os.environ/TIMEOUT', stream_timeout: '5', rpm: 'os.environ/RPM', tpm: '1000' },
          },
        ],
        litellm_settings: { request_timeout: 'os.environ/REQUEST_TIMEOUT' },
      } as never,
      env: { AZURE_API_BASE: 'https://example.openai.azure.com/v1', TIMEOUT: '30', RPM: '60', REQUEST_TIMEOUT: '90' },
    });
    const deployment = settings.deployments[0]!;
    expect(deployment.apiBase).toBe('https://example.openai.azure.com/v1');
    expect(deployment.timeoutMs).toBe(30_000);
    expect(deployment.streamTimeoutMs).toBe(5_000);
    expect(deployment.extraParams).toMatchObject({ rpm: 60, tpm: 1000 });
  });

  it('takes numbers in environment_variables as their text, as LiteLLM does', () => {
    const settings = loadSettings({
      config: {
        environment_variables: { REDIS_PORT: 6329, PORT_BASE: 'http://127.0.0.1:6329/v1' },
        model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', api_base: 'os.environ/PORT_BASE', max_retries: 'os.environ/REDIS_PORT' } }],
      } as never,
      env: {},
    });
    expect(settings.deployments[0]!.apiBase).toBe('http://127.0.0.1:6329/v1');
    expect(settings.deployments[0]!.extraParams.max_retries).toBe(6329);
  });

  it('still refuses a variable holding a bad value, without printing it', () => {
    const error = errorOf(() =>
      loadSettings({ config: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', api_base: 'os.environ/BASE' } }] }, env: { BASE: 'ftp://user:sk-hidden-pass@host' } }),
    );
    expect(error.message).toContain('model_list[0].litellm_params.api_base must match pattern');
    expect(error.message).not.toContain('sk-hidden-pass');
  });

  it('keeps keys resolved from the environment as Secrets', () => {
    const settings = loadSettings({
      config: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', api_key: 'os.environ/KEY', aws_secret_access_key: 'os.environ/AWS' } }], general_settings: { master_key: 'os.environ/MASTER' } },
      env: { KEY: 'sk-env-upstream-1', AWS: 'aws-secret-value-1', MASTER: 'sk-env-master-1' },
    });
    expect(settings.masterKey?.reveal()).toBe('sk-env-master-1');
    expect(settings.deployments[0]!.apiKey?.reveal()).toBe('sk-env-upstream-1');
    const text = JSON.stringify(settings);
    for (const secret of ['sk-env-upstream-1', 'aws-secret-value-1', 'sk-env-master-1']) expect(text).not.toContain(secret);
  });

  it('ignores a missing variable under a key Switchyard does not read', () => {
    const settings = loadSettings({ config: { model_list: [], general_settings: { store_model_in_db: 'os.environ/STORE_MODELS', alerting_args: { x: 'os.environ/NOPE' } } } as never, env: {} });
    expect(settings.warnings.join('\n')).toContain('general_settings.store_model_in_db');
  });
});

describe('every problem in one run', () => {
  it('lists schema problems, missing variables, malformed models and duplicate ids together, each with its path', () => {
    const error = errorOf(() =>
      loadSettings({
        config: {
          model_list: [
            { model_name: 'a', litellm_params: { model: 'openai/a', api_key: 'os.environ/MISSING_ONE' } },
            { model_name: 'b', litellm_params: { model: 'openai/b', timeout: 'soon' } },
            { model_name: 'c', litellm_params: { model: '/c' } },
            { model_name: 'd', litellm_params: { model: 'openai/d' }, model_info: { id: 'same' } },
            { model_name: 'e', litellm_params: { model: 'openai/e' }, model_info: { id: 'same', max_input_tokens: -1 } },
          ],
          general_settings: { master_key: 'os.environ/MISSING_MASTER' },
        } as never,
        env: {},
      }),
    );
    expect(error.problems).toEqual([
      'model_list[1].litellm_params.timeout must be number',
      'Environment variable MISSING_ONE is not set (used by model_list[0].litellm_params.api_key)',
      'model_list[2].litellm_params.model must look like provider/model (got "/c")',
      'model_list[4].model_info.id "same" is used twice',
      'Environment variable MISSING_MASTER is not set (used by general_settings.master_key)',
    ]);
    expect(error.message).toMatch(/^Invalid config \(options\.config\), 5 problems:\n  - /);
  });

  it('lists model_info problems with the others', () => {
    const error = errorOf(() =>
      loadSettings({
        config: {
          model_list: [
            { model_name: 'a', litellm_params: { model: 'openai/a' }, model_info: { max_input_tokens: 0 } },
            { model_name: 'b', litellm_params: { model: 'openai/b', api_key: 'os.environ/NOPE' } },
          ],
        } as never,
        env: {},
      }),
    );
    expect(error.problems).toHaveLength(2);
    expect(error.problems![1]).toContain('model_list[0].model_info.max_input_tokens must be an integer >= 1');
  });
});

describe('typos are errors', () => {
  it.each([
    ['general_setings', 'general_settings'],
    ['modle_list', 'model_list'],
    ['litellm_setting', 'litellm_settings'],
  ])('a top-level %s asks "did you mean %s?"', (typo, meant) => {
    const error = errorOf(() => loadSettings({ config: { model_list: [], [typo]: { master_key: 'sk-1' } } as never }));
    expect(error.message).toContain(`${typo} is not a known key; did you mean ${meant}?`);
  });

  it('finds typos inside sections, deployments and model_info, all at once', () => {
    const error = errorOf(() =>
      loadSettings({
        config: {
          model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', api_bse: 'http://x' }, model_info: { mdoe: 'chat' } }],
          general_settings: { mastr_key: 'sk-1' },
          router_settings: { routing_stratgy: 'simple-shuffle' },
        } as never,
      }),
    );
    expect(error.problems).toEqual([
      'general_settings.mastr_key is not a known key; did you mean master_key?',
      'router_settings.routing_stratgy is not a known key; did you mean routing_strategy?',
      'model_list[0].litellm_params.api_bse is not a known key; did you mean api_base?',
      'model_list[0].model_info.mdoe is not a known key; did you mean mode?',
    ]);
  });

  it('never lets a master key outside general_settings leave the gateway open', () => {
    const error = errorOf(() => loadSettings({ config: { model_list: [], settings: { master_key: 'sk-1' } } as never }));
    expect(error.message).toContain('settings.master_key is not read there; the master key belongs under general_settings.master_key');
  });

  it('warns about an unknown key far from every known one instead', () => {
    const settings = loadSettings({ config: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', frequency_boost: 2 } }] } as never });
    expect(settings.warnings).toContain('model_list[].litellm_params.frequency_boost: unknown to LiteLLM and Switchyard; ignored');
  });
});

describe('everything LiteLLM accepts loads', () => {
  it('loads every top-level section, with one warning line per unimplemented feature saying what is lost', () => {
    const settings = loadSettings({
      config: {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o', rpm: 10 } },
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', rpm: 20 } },
        ],
        litellm_settings: { drop_params: true, success_callback: ['langfuse', 'datadog'] },
        router_settings: { routing_strategy: 'least-busy', num_retries: 2 },
        general_settings: { master_key: 'sk-1' },
        environment_variables: { A: 'b' },
        callback_settings: { otel: { message_logging: false } },
        guardrails: [{ guardrail_name: 'g', litellm_params: { guardrail: 'presidio', mode: 'pre_call' } }],
        mcp_servers: { zapier: { url: 'https://example.com/mcp' } },
        credential_list: [{ credential_name: 'c', credential_values: { api_key: 'sk-c' } }],
      } as never,
    });
    expect(settings.warnings).toEqual([
      'callback_settings: logging and alerting integrations are not called; use the onCost listener, the access log, /metrics or OpenTelemetry',
      'guardrails: guardrails are not applied: requests and responses pass unchecked',
      'mcp_servers: MCP servers are not served (no /mcp routes)',
      'litellm_settings callbacks "datadog" are not implemented and are not called (implemented: prometheus, otel, langfuse)',
    ]);
  });

  it.each(['completion', 'batch', 'image_generation', 'image_edit', 'audio_transcription', 'audio_speech', 'moderation', 'rerank', 'video_generation', 'ocr', 'search', 'realtime'])(
    'loads a deployment of mode %s and names what it cannot serve',
    (mode) => {
      const settings = loadSettings({ config: { model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m' }, model_info: { mode, max_input_tokens: 100 } }] } });
      expect(settings.deployments[0]!.unservedMode).toBe(mode);
      expect(settings.warnings).toContain(
        `model_list[0].model_info.mode: Switchyard does not serve ${mode} deployments yet; requests for model "m" are answered with an unsupported_mode error`,
      );
    },
  );

  it('refuses a mode that is a typo of a known one', () => {
    const error = errorOf(() => loadSettings({ config: { model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m' }, model_info: { mode: 'embeding' } }] } }));
    expect(error.message).toContain('model_list[0].model_info.mode "embeding" is not a known mode; did you mean embedding?');
  });

  it('fills deployments from credential_list; their own values win; an unknown name is a problem', () => {
    const config = {
      credential_list: [{ credential_name: 'shared', credential_values: { api_key: 'os.environ/SHARED_KEY', api_base: 'os.environ/SHARED_BASE', api_version: '2024-10-21' } }],
      model_list: [
        { model_name: 'a', litellm_params: { model: 'openai/a', litellm_credential_name: 'shared' } },
        { model_name: 'b', litellm_params: { model: 'openai/b', litellm_credential_name: 'shared', api_base: 'http://own.example/v1' } },
      ],
    };
    const settings = loadSettings({ config: config as never, env: { SHARED_KEY: 'sk-shared-1', SHARED_BASE: 'http://shared.example/v1' } });
    expect(settings.deployments.map((d) => [d.apiKey?.reveal(), d.apiBase])).toEqual([
      ['sk-shared-1', 'http://shared.example/v1'],
      ['sk-shared-1', 'http://own.example/v1'],
    ]);
    const error = errorOf(() =>
      loadSettings({ config: { ...config, model_list: [{ model_name: 'c', litellm_params: { model: 'openai/c', litellm_credential_name: 'other' } }] } as never, env: {} }),
    );
    expect(error.message).toContain('model_list[0].litellm_params.litellm_credential_name names credential "other", which credential_list does not define (defined: shared)');
  });
});

describe('YAML syntax errors never print secrets', () => {
  it('names the line and column and masks key-like values on the line it shows', async () => {
    const path = await configFile(
      'general_settings:\n  master_key: sk-master-secret-value-1\nmodel_list:\n  - model_name: a\n    litellm_params: { model: openai/a, api_key: sk-upstream-secret-2, api_base: [unclosed\n',
    );
    const error = errorOf(() => loadSettings({ config: path }));
    expect(error.message).toContain(`Config file ${path} is not valid YAML:`);
    expect(error.message).toMatch(/line \d+, column \d+: /);
    expect(error.message).toContain('litellm_params: { model: openai/a, api_key: ****');
    expect(error.message).not.toContain('sk-master-secret-value-1');
    expect(error.message).not.toContain('sk-upstream-secret-2');
  });

  it('masks the value of any key-like field, even on the offending line itself', async () => {
    const path = await configFile('general_settings:\n  master_key: "sk-master-secret-3\n   database_url: postgres://u:p4ss@db\n');
    const error = errorOf(() => loadSettings({ config: path }));
    expect(error.message).not.toMatch(/sk-master-secret-3|p4ss/);
  });

  it('masks os.environ references and key-shaped values on a shown line', async () => {
    const path = await configFile('model_list:\n  - model_name: a\n    litellm_params: {model: openai/a, extra: sk-ant-cfg-FAKE-abcdefgh, base: os.environ/BASE_URL ]\n');
    const error = errorOf(() => loadSettings({ config: path }));
    expect(error.message).toContain('line 3');
    expect(error.message).not.toContain('sk-ant-cfg-FAKE-abcdefgh');
    expect(error.message).not.toContain('BASE_URL');
  });
});

describe('the limits Switchyard implements', () => {
  it('loads the request and response limits without a "not implemented" warning', () => {
    const settings = loadSettings({
      config: {
        model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', mock_response: 'hi' } }],
        general_settings: {
          max_request_size_mb: 10,
          max_response_size_mb: 20,
          max_request_json_depth: 64,
          max_request_json_object_keys: 500,
          max_request_json_keys: 10_000,
          max_request_json_array_length: 1_000,
        },
        router_settings: { ignore_invalid_deployments: true },
      } as never,
      env: {},
    });
    expect(settings.warnings).toEqual([]);
  });
});
