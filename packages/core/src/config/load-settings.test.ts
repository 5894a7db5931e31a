import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultDeploymentId } from './deployment-id.js';
import { loadSettings } from './load-settings.js';

const LITELLM_CONFIG = `
model_list:
  - model_name: gpt-5.5
    litellm_params:
      model: openai/gpt-5.5
      api_key: os.environ/TEST_OPENAI_KEY
      timeout: 30
  - model_name: gpt-5.5
    litellm_params:
      model: openai/gpt-5.5
      api_base: http://127.0.0.1:8000/v1
  - model_name: local
    litellm_params:
      model: hosted_vllm/llama-3
      api_base: http://localhost:8000/v1
      rpm: 60
    model_info:
      id: local-1
litellm_settings:
  drop_params: true
  success_callback: ["langfuse", "datadog"]
general_settings:
  master_key: sk-1234
  database_url: os.environ/DATABASE_URL
router_settings:
  routing_strategy: usage-based-routing
`;

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-config-'));
  const path = join(dir, 'config.yaml');
  await writeFile(path, text);
  return path;
}

describe('loadSettings', () => {
  it("loads LiteLLM's config.yaml shape unchanged", async () => {
    const settings = loadSettings({ config: await configFile(LITELLM_CONFIG), env: { TEST_OPENAI_KEY: 'sk-from-env', DATABASE_URL: 'sqlite://./switchyard.db' } });
    expect(settings.deployments.map((d) => [d.id, d.modelName, d.provider, d.upstreamModel])).toEqual([
      [defaultDeploymentId('gpt-5.5', { model: 'openai/gpt-5.5', timeout: 30 }), 'gpt-5.5', 'openai', 'gpt-5.5'],
      [defaultDeploymentId('gpt-5.5', { model: 'openai/gpt-5.5', api_base: 'http://127.0.0.1:8000/v1' }), 'gpt-5.5', 'openai', 'gpt-5.5'],
      ['local-1', 'local', 'hosted_vllm', 'llama-3'],
    ]);
    expect(settings.deployments[0]!.apiKey?.reveal()).toBe('sk-from-env');
    expect(settings.deployments[0]!.timeoutMs).toBe(30_000);
    expect(settings.deployments[1]!.timeoutMs).toBe(600_000);
    expect(settings.deployments[2]!.extraParams).toEqual({ rpm: 60 });
    expect(settings.masterKey?.reveal()).toBe('sk-1234');
    expect(settings.dropParams).toBe(true);
  });

  it('reads the capability source settings, URL limits included', () => {
    const settings = loadSettings({
      config: {
        model_list: [],
        capabilities: { sources: ['builtin', './mine.json', 'https://example.com/map.json'], reload_interval_seconds: 60, fetch_timeout_seconds: 2.5, max_source_mb: 5 },
      },
      baseDir: '/srv/switchyard',
    });
    expect(settings.capabilitySources).toEqual([
      { kind: 'builtin' },
      { kind: 'file', path: '/srv/switchyard/mine.json', format: undefined, watch: false },
      { kind: 'url', url: 'https://example.com/map.json', format: undefined },
    ]);
    expect(settings.reloadIntervalSeconds).toBe(60);
    expect(settings.sourceFetch).toEqual({ timeoutMs: 2_500, maxBytes: 5_000_000 });
  });

  it('reports keys it does not implement as warnings instead of failing', async () => {
    const settings = loadSettings({ config: await configFile(LITELLM_CONFIG), env: { TEST_OPENAI_KEY: 'k', DATABASE_URL: 'sqlite://./switchyard.db' } });
    expect(settings.warnings.join('\n')).toContain('litellm_settings callbacks "datadog" are not implemented');
    // database_url is read now (the key and spend store): no warning.
    expect(settings.warnings.join('\n')).not.toContain('general_settings.database_url');
    // rpm is the router's now (simple-shuffle weights, usage-based limits): no warning.
    expect(settings.warnings.join('\n')).not.toContain('model_list[].litellm_params.rpm');
    expect(settings.warnings.join('\n')).toContain('router_settings.routing_strategy: usage-based-routing is LiteLLM\'s deprecated v1');
  });

  it('names the path of every schema problem', () => {
    const attempt = () =>
      loadSettings({
        config: {
          model_list: [
            { model_name: 'a', litellm_params: { model: 'openai/a' } },
            { model_name: 'b', litellm_params: { model: 'openai/b', timeout: 'soon' } },
            { model_name: 'c', litellm_params: {} },
          ],
        } as never,
      });
    expect(attempt).toThrow(/model_list\[1\]\.litellm_params\.timeout must be number/);
    expect(attempt).toThrow(/model_list\[2\]\.litellm_params\.model is required/);
  });

  it('names a missing environment variable and where it is used, and nothing else', () => {
    const attempt = () =>
      loadSettings({
        config: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', api_key: 'os.environ/MISSING_KEY' } }], general_settings: { master_key: 'sk-secret-master' } },
        env: {},
      });
    expect(attempt).toThrow('Environment variable MISSING_KEY is not set (used by model_list[0].litellm_params.api_key)');
    expect(attempt).not.toThrow(/sk-secret-master/);
  });

  it('reports YAML syntax errors with the file name', async () => {
    const path = await configFile('model_list:\n  - model_name: [unclosed\n');
    expect(() => loadSettings({ config: path })).toThrow(new RegExp(`Config file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid YAML`));
  });

  it('keeps secrets out of logs, JSON and inspection', () => {
    const settings = loadSettings({ config: { model_list: [{ model_name: 'a', litellm_params: { model: 'openai/a', api_key: 'sk-super-secret' } }] } });
    const deployment = settings.deployments[0]!;
    expect(JSON.stringify(deployment)).not.toContain('sk-super-secret');
    expect(inspect(deployment, { depth: 5 })).not.toContain('sk-super-secret');
    expect(`${deployment.apiKey}`).toBe('[redacted]');
  });
});
