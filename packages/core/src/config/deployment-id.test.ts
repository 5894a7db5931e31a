import { describe, expect, it } from 'vitest';
import { loadSettings } from './load-settings.js';

const entry = (name: string, params: Record<string, unknown>) => ({ model_name: name, litellm_params: { model: `openai/${name}`, ...params } });
const idsOf = (list: ReturnType<typeof entry>[]) => loadSettings({ config: { model_list: list } }).deployments.map((deployment) => deployment.id);

describe('deployment ids without model_info.id', () => {
  it('are a hash of the params: the same when other entries move, different when the params differ', () => {
    const [first, second] = idsOf([entry('gpt', { api_base: 'http://a' }), entry('gpt', { api_base: 'http://b' })]);
    const [secondAlone] = idsOf([entry('other', {}), entry('gpt', { api_base: 'http://b' })].slice(1));
    expect(first).not.toBe(second);
    expect(secondAlone).toBe(second);
    expect(first).toMatch(/^gpt-[0-9a-f]{10}$/);
  });

  it('never depend on or contain a key: a rotated key keeps the id; twins differing only in keys are suffixed', () => {
    const [one] = idsOf([entry('gpt', { api_key: 'sk-one-0123456789abcdef' })]);
    const [two] = idsOf([entry('gpt', { api_key: 'sk-two-0123456789abcdef' })]);
    expect(one).toBe(two);
    expect(one).not.toContain('sk-');
    const twins = idsOf([entry('gpt', { api_key: 'sk-one-0123456789abcdef' }), entry('gpt', { api_key: 'sk-two-0123456789abcdef' })]);
    expect(twins).toEqual([one, `${one}-2`]);
  });
});
