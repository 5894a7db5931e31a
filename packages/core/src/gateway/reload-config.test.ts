import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { defaultDeploymentId } from '../config/deployment-id.js';
import { createGateway } from './create-gateway.js';

const mock = (name: string, text = name, id?: string) => ({
  model_name: name,
  litellm_params: { model: `openai/${name}`, mock_response: text },
  ...(id === undefined ? {} : { model_info: { id } }),
});
const request = (model: string) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: {},
  body: { model, messages: [{ role: 'user', content: 'x' }] },
  signal: new AbortController().signal,
});

describe('gateway.reloadConfig', () => {
  it('swaps the deployments of a new config object and answers the diff by id', async () => {
    const gateway = createGateway({ config: { model_list: [mock('a'), mock('b')] }, logger: silentLogger });
    const before = gateway.snapshot();
    const summary = await gateway.reloadConfig({ model_list: [mock('a', 'changed'), mock('c', 'c', 'c-1')] });
    // `a` changed its params, so its hash id changed: removed and added (an id in model_info keeps it "changed").
    const id = (name: string, text = name) => defaultDeploymentId(name, { model: `openai/${name}`, mock_response: text });
    expect(summary.deployments).toEqual({ added: [id('a', 'changed'), 'c-1'], removed: [id('a'), id('b')], changed: [], total: 2 });
    expect(summary.version).toBe(before.version + 1);
    expect([...gateway.snapshot().targets.keys()]).toEqual(['a', 'c']);
    expect([...before.targets.keys()]).toEqual(['a', 'b']); // the old snapshot is untouched for requests in flight
    expect(gateway.settings.deployments.map((deployment) => deployment.id)).toEqual([id('a', 'changed'), 'c-1']);
    expect(await gateway.handle(request('b'))).toMatchObject({ status: 404 });
    await gateway.reload(); // a later capability reload keeps the reloaded deployments
    expect([...gateway.snapshot().targets.keys()]).toEqual(['a', 'c']);
  });

  it('refuses a config naming an unregistered provider, with every problem, and changes nothing', async () => {
    const gateway = createGateway({ config: { model_list: [mock('a')] }, logger: silentLogger });
    const attempt = gateway.reloadConfig({
      model_list: [mock('a'), { model_name: 'x', litellm_params: { model: 'bedrock/x' } }, { model_name: 'y', litellm_params: { model: 'vertex_ai/y' } }],
      router_settings: { ignore_invalid_deployments: false },
    });
    await expect(attempt).rejects.toMatchObject({ status: 422, code: 'invalid_config', problems: [expect.stringContaining('"bedrock/"'), expect.stringContaining('"vertex_ai/"')] });
    expect([...gateway.snapshot().targets.keys()]).toEqual(['a']);
  });

  it('has nothing to re-read for a gateway built from an object', async () => {
    const gateway = createGateway({ config: { model_list: [mock('a')] }, logger: silentLogger });
    await expect(gateway.reloadConfig()).rejects.toMatchObject({ status: 409 });
  });
});
