import { describe, expect, it } from 'vitest';
import { CAPABILITY_STORE, LOGGER, PROVIDER_REGISTRY } from '../di/tokens.js';
import { silentLogger } from '../logging/logger.js';
import type { ProviderPlugin } from '../providers/provider.js';
import { createGateway } from './create-gateway.js';

const config = (name: string) => ({ model_list: [{ model_name: name, litellm_params: { model: `openai/${name}`, mock_response: name } }] });
const request = (body: unknown) => ({ method: 'POST', path: '/v1/chat/completions', headers: {}, body, signal: new AbortController().signal });

describe('createGateway', () => {
  it('gives each gateway its own container and services', () => {
    const first = createGateway({ config: config('a'), logger: silentLogger });
    const second = createGateway({ config: config('b'), logger: silentLogger });
    expect(first.container).not.toBe(second.container);
    for (const token of [PROVIDER_REGISTRY, CAPABILITY_STORE]) {
      expect(first.container.resolve(token)).toBe(first.container.resolve(token));
      expect(first.container.resolve(token)).not.toBe(second.container.resolve(token));
    }
    expect(first.container.resolve(LOGGER)).toBe(silentLogger);
    expect([...first.snapshot().targets.keys()]).toEqual(['a']);
    expect([...second.snapshot().targets.keys()]).toEqual(['b']);
  });

  it('never throws from handle: every failure is an OpenAI-style response', async () => {
    const gateway = createGateway({ config: config('a'), logger: silentLogger });
    const refused = await gateway.handle(request(['not', 'an', 'object']));
    expect(refused).toMatchObject({ kind: 'json', status: 400, body: { error: { code: 'invalid_body' } } });
    const served = await gateway.handle(request({ model: 'a', messages: [{ role: 'user', content: 'x' }] }));
    expect(served).toMatchObject({ kind: 'json', status: 200 });
  });

  it('fails at build time on a deployment whose provider is not registered, with ignore_invalid_deployments: false', () => {
    expect(() =>
      createGateway({
        config: { model_list: [{ model_name: 'c', litellm_params: { model: 'anthropic/claude' } }], router_settings: { ignore_invalid_deployments: false } },
        logger: silentLogger,
      }),
    ).toThrow(/provider "anthropic\/" is not served by Switchyard yet .*used by model_list\[0\]\.litellm_params\.model \(model_name "c"\).* Alternative: .*api\.anthropic\.com/);
  });

  it('refuses a served deployment with no model after its prefix when ignore_invalid_deployments is false, loads it with a warning otherwise (as LiteLLM does), and skips an unserved one', () => {
    const acme: ProviderPlugin = { name: 'acme', create: () => ({ endpoints: new Set(['chat.completions']), send: () => Promise.reject(new Error('unused')) }) };
    const deployment = (model: string) => ({ model_name: model, litellm_params: { model } });
    const strict = { router_settings: { ignore_invalid_deployments: false } };
    expect(() => createGateway({ config: { model_list: [deployment('acme/')], ...strict }, providers: [acme], logger: silentLogger })).toThrow(
      /model_list\[0\]\.litellm_params\.model must look like provider\/model \(got "acme\/"\)/,
    );
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_object: object, message?: string) => void warnings.push(message ?? '') };
    createGateway({ config: { model_list: [deployment('acme/')] }, providers: [acme], logger });
    expect(warnings).toContain('model_list[0].litellm_params.model must look like provider/model (got "acme/"); its requests fail until it names a model');
    const gateway = createGateway({ config: { model_list: [deployment('azure/'), deployment('acme/a')] }, providers: [acme], logger: silentLogger });
    expect([...gateway.snapshot().targets.keys()]).toEqual(['acme/a']);
  });
});
