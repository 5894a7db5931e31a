import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../config/load-settings.js';
import type { Logger } from '../logging/logger.js';
import { CapabilityStore } from './capability-store.js';

const model = (input: number) => ({ provider: 'acme', mode: 'chat', pricing: { input, output: input * 4 } });
const models = (count: number, input = 1e-6) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`acme-${index}`, model(input)]));

function setup(content: unknown) {
  const directory = mkdtempSync(join(tmpdir(), 'capability-reload-'));
  const path = join(directory, 'models.json');
  const write = (value: unknown) => writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  write(content);
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (_object, message) => void warnings.push(message ?? ''), error() {} };
  const settings = loadSettings({
    config: { model_list: [{ model_name: 'm', litellm_params: { model: 'acme/acme-0', api_key: 'k' } }], capabilities: { sources: [path] } },
    env: {},
  });
  return { store: new CapabilityStore(settings, [], { logger }), write, warnings, path };
}

describe('CapabilityStore.reload', () => {
  it('runs one reload at a time; calls arriving meanwhile share the next one', async () => {
    const { store, write } = setup({ models: models(2) });
    const first = store.reload();
    write({ models: models(3) });
    const second = store.reload();
    const third = store.reload();
    expect(third).toBe(second);
    const [one, two] = [await first, await second];
    expect([one.version, two.version]).toEqual([2, 3]);
    // The first reload may or may not have read the new file yet; the queued one surely did.
    expect(two.models.total).toBe(3);
    expect([...one.models.added, ...two.models.added]).toEqual(['acme-2']);
    expect(store.current.version).toBe(3);
  });

  it('keeps the snapshot in force when a reload is refused, and the next good reload still works', async () => {
    const { store, write, warnings } = setup({ models: models(4) });
    const before = store.current;
    write('{"models": ');
    await expect(store.reload()).rejects.toMatchObject({ code: 'invalid_capabilities' });
    expect(store.current).toBe(before);
    expect(warnings.at(-1)).toMatch(/^capability reload refused, the previous capabilities stay in force: Capability source .*models\.json is not valid JSON/);
    write({ models: models(4, 2e-6) });
    expect((await store.reload()).models.changed).toEqual(['acme-0', 'acme-1', 'acme-2', 'acme-3']);
    expect(store.current.targets.get('m')?.[0]?.pricing?.input).toBe(2e-6);
  });

  it('refuses a source that shrank to under half its models unless forced', async () => {
    const { store, write } = setup({ models: models(10) });
    write({ models: models(4) });
    await expect(store.reload()).rejects.toThrow(/defines 4 models, fewer than half of the 10/);
    const forced = await store.reload({ force: true });
    expect(forced.models.removed).toHaveLength(6);
    // The forced count is the new reference.
    write({ models: models(2) });
    expect((await store.reload()).models.total).toBe(2);
  });

  it('refuses an empty source at start-up', () => {
    expect(() => setup({ models: {} })).toThrow(/defines no models/);
  });

  it('logs skipped LiteLLM entries once, not at every reload, and lists them in every summary', async () => {
    const map = { 'acme-0': { litellm_provider: 'acme', mode: 'chat', input_cost_per_token: 1e-6 }, 'dall-e': { litellm_provider: 'openai', mode: 'image_generation' } };
    const { store, warnings } = setup(map);
    expect(warnings.filter((line) => line.includes('1 entries skipped'))).toHaveLength(1);
    const summary = await store.reload();
    expect(summary.sources).toEqual([{ source: expect.stringMatching(/models\.json$/), format: 'litellm', models: 1 }]);
    expect(summary.problems).toEqual([expect.objectContaining({ model: 'dall-e', skipped: true })]);
    expect(warnings.filter((line) => line.includes('1 entries skipped'))).toHaveLength(1);
  });
});
