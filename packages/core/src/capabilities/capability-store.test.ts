import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../config/load-settings.js';
import type { GatewayConfig } from '../generated/config.js';
import { createGateway } from '../gateway/create-gateway.js';
import { silentLogger } from '../logging/logger.js';
import { post, recordingProvider } from '../validation/__fixtures__/recording-provider.js';
import { chat, refusal } from '../validation/__fixtures__/targets.js';
import { CapabilityStore } from './capability-store.js';

type ModelList = GatewayConfig['model_list'];

function store(modelList: ModelList, extra: Partial<GatewayConfig> = {}, plugins: ConstructorParameters<typeof CapabilityStore>[1] = []) {
  return new CapabilityStore(loadSettings({ config: { model_list: modelList, ...extra }, env: {} }), plugins);
}

const deployment = (upstream: string, modelInfo?: Record<string, unknown>, params: Record<string, unknown> = {}) => ({
  model_name: 'm',
  litellm_params: { model: `openai/${upstream}`, api_key: 'k', ...params },
  ...(modelInfo === undefined ? {} : { model_info: modelInfo }),
});

const targetOf = (capabilities: CapabilityStore) => capabilities.current.targets.get('m')![0]!;

describe('model_info overrides', () => {
  it('merges capability fields over the shipped entry, key by key', () => {
    const target = targetOf(
      store([deployment('gpt-5.5', { id: 'a', limits: { max_output_tokens: 1000 }, params: { reasoning_effort: { default: 'none' } } })]),
    );
    expect(target.capability).toMatchObject({ mode: 'chat', limits: { max_input_tokens: 1_050_000, max_output_tokens: 1000 } });
    expect(target.capability?.params?.reasoning_effort).toEqual({ enum: ['none', 'low', 'medium', 'high', 'xhigh'], default: 'none' });
    expect(refusal(target, 'chat.completions', chat({ max_tokens: 1001 }))).toMatchObject({ param: 'max_tokens' });
    // The default is now none, so temperature needs no explicit reasoning_effort.
    expect(refusal(target, 'chat.completions', chat({ temperature: 0.2 }))).toBeUndefined();
  });

  it('takes LiteLLM flat limits and prices from model_info and litellm_params', () => {
    const target = targetOf(
      store([deployment('gpt-5.5', { max_output_tokens: 2000, input_cost_per_token: 1e-6 }, { output_cost_per_token: 2e-6, cache_read_input_token_cost: 1e-7 })]),
    );
    expect(target.capability?.limits).toEqual({ max_input_tokens: 1_050_000, max_output_tokens: 2000 });
    expect(target.pricing).toMatchObject({ input: 1e-6, output: 2e-6, cached_input: 1e-7, tiers: [{ above_input_tokens: 272_000, input: 1e-5 }] });
  });

  it('makes a whole entry for a model without shipped data when the override states its mode', () => {
    const target = targetOf(store([deployment('ft:mine', { mode: 'chat', limits: { max_output_tokens: 512 } })]));
    expect(target.capability).toEqual({ provider: 'openai', mode: 'chat', limits: { max_output_tokens: 512 } });
    expect(refusal(target, 'chat.completions', chat({ max_tokens: 513 }))).toMatchObject({ param: 'max_tokens' });
  });

  it('prices a model without capability data from LiteLLM keys, without inventing capabilities', () => {
    const target = targetOf(store([deployment('ft:mine', { input_cost_per_token: 3e-6 })]));
    expect(target.capability).toBeUndefined();
    expect(target.pricing).toEqual({ input: 3e-6 });
  });

  it('refuses an invalid override at start-up, naming model_list[i].model_info.<path>', () => {
    const build = (modelInfo: Record<string, unknown>) => () => store([deployment('gpt-5.5'), deployment('gpt-5.5', modelInfo)]);
    expect(build({ limits: { max_output_tokens: 'lots' } })).toThrow('model_list[1].model_info.limits.max_output_tokens must be integer');
    expect(build({ params: { reasoning_effort: { enum: 'low' } } })).toThrow('model_list[1].model_info.params.reasoning_effort.enum must be array');
    expect(build({ mode: 'image' })).toThrow('model_list[1].model_info.mode "image" is not a mode LiteLLM knows (one of chat, completion, embedding');
    expect(build({ max_input_tokens: -5 })).toThrow('model_list[1].model_info.max_input_tokens must be an integer >= 1');
    expect(build({ input_cost_per_token: 'free' })).toThrow('model_list[1].model_info.input_cost_per_token must be a number >= 0');
  });
});

describe('capability sources', () => {
  const acme = { models: { 'acme-1': { provider: 'acme', mode: 'chat', limits: { max_output_tokens: 100 } } } };

  it('loads a provider plugin capability file after builtin, so its models are known', async () => {
    const upstream = recordingProvider(acme);
    const gateway = createGateway({
      config: { model_list: [{ model_name: 'acme', litellm_params: { model: 'openai/acme-1', api_key: 'k' } }] },
      providers: [upstream.plugin],
      logger: silentLogger,
    });
    expect(gateway.snapshot().targets.get('acme')?.[0]?.capabilityName).toBe('acme-1');
    const response = await gateway.handle(post('/v1/chat/completions', { model: 'acme', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 101 }));
    expect(response.status).toBe(400);
    expect(upstream.calls).toHaveLength(0);
  });

  it('refuses an invalid plugin capability file, naming the plugin', () => {
    expect(() => store([deployment('gpt-5.5')], {}, [{ name: 'acme', capabilities: { models: { x: { mode: 'chat' } } }, create: () => ({}) as never }])).toThrow(
      /provider plugin acme:\n {2}- models.x.provider is required/,
    );
  });

  it('lets a later file source override only the fields it states of a shipped entry', () => {
    const directory = mkdtempSync(join(tmpdir(), 'capabilities-'));
    const path = join(directory, 'mine.json');
    writeFileSync(path, JSON.stringify({ models: { 'gpt-5.5': { provider: 'openai', mode: 'chat', limits: { max_output_tokens: 10 } } } }));
    const capabilities = store([deployment('gpt-5.5')], { capabilities: { sources: ['builtin', path] } });
    const capability = targetOf(capabilities).capability!;
    expect(capability.limits).toEqual({ max_input_tokens: 1050000, max_output_tokens: 10 });
    // Everything the file did not state stays as shipped: rules, defaults, token_param, aliases.
    expect(capability).toMatchObject({ extends: 'openai/gpt-5-reasoning', token_param: 'max_completion_tokens', params: { reasoning_effort: { default: 'medium' } } });
    expect(capability.rules).toHaveLength(1);
    expect(capabilities.current.entries.has('gpt-5.5-2026-04-23')).toBe(true);
    expect(capabilities.current.models.has('gpt-4o')).toBe(true);
  });

  it('knows no model when builtin is left out of the sources', () => {
    const capabilities = store([deployment('gpt-5.5')], { capabilities: { sources: [] } });
    expect(targetOf(capabilities).capability).toBeUndefined();
  });

  it('swaps a new snapshot in atomically, leaving the old one intact for requests in flight', () => {
    const capabilities = store([deployment('gpt-5.5')]);
    const before = capabilities.current;
    const next = capabilities.build(new Map());
    expect(capabilities.swap(next)).toBe(before);
    expect(capabilities.current.version).toBe(2);
    expect(targetOf(capabilities).capability).toBeUndefined();
    expect(before.targets.get('m')?.[0]?.capabilityName).toBe('gpt-5.5');
  });
});
