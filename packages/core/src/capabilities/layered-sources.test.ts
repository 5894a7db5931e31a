import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../config/load-settings.js';
import { isGatewayError } from '../errors/gateway-error.js';
import { CapabilityStore } from './capability-store.js';
import type { ModelTarget } from './capability-snapshot.js';

// LiteLLM-format maps (entries copied from model_prices_and_context_window.json): gpt-5.5 as
// published, then gpt-5.5 a dollar cheaper per million input tokens plus a new gpt-5.6.
const BEFORE = new URL('./__fixtures__/litellm-day0-before.json', import.meta.url);
const AFTER = new URL('./__fixtures__/litellm-day0-after.json', import.meta.url);

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'layered-')), 'model_prices.json');
  copyFileSync(BEFORE, path);
  const settings = loadSettings({
    config: {
      model_list: ['gpt-5.5', 'gpt-5.6'].map((model) => ({ model_name: model, litellm_params: { model: `openai/${model}`, api_key: 'k' } })),
      capabilities: { sources: ['builtin', path] },
    },
    env: {},
  });
  return { store: new CapabilityStore(settings, []), path };
}

const target = (store: CapabilityStore, model: string): ModelTarget => store.current.targets.get(model)![0]!;
const chat = (model: string, extra: Record<string, unknown>) => ({ model, messages: [{ role: 'user', content: 'Hi' }], ...extra });

function refusal(subject: ModelTarget, body: Record<string, unknown>): string | undefined {
  try {
    subject.prepare('chat.completions', body, { dropParams: false });
    return undefined;
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    return error.message;
  }
}

function expectGpt5Rules(subject: ModelTarget, model: string) {
  // At the default effort (medium) temperature is refused; with reasoning off it is accepted.
  expect(refusal(subject, chat(model, { temperature: 0.2 }))).toMatch(/temperature/);
  expect(refusal(subject, chat(model, { temperature: 0.2, reasoning_effort: 'none' }))).toBeUndefined();
  expect(refusal(subject, chat(model, { verbosity: 'loud' }))).toMatch(/verbosity/);
  expect(subject.prepare('chat.completions', chat(model, { max_tokens: 100 }), { dropParams: false }).body).toEqual(chat(model, { max_completion_tokens: 100 }));
}

describe('builtin, then a LiteLLM map', () => {
  it('keeps the curated rules of a model the map also describes', () => {
    const { store } = setup();
    const gpt55 = target(store, 'gpt-5.5');
    expect(gpt55.capability).toMatchObject({ extends: 'openai/gpt-5-reasoning', token_param: 'max_completion_tokens', aliases: ['gpt-5.5-2026-04-23'] });
    expectGpt5Rules(gpt55, 'gpt-5.5');
  });

  it('gives a model published only in the map its family by data, and reports family and price changes field by field', async () => {
    const { store, path } = setup();
    expect(target(store, 'gpt-5.6').capability).toBeUndefined();
    copyFileSync(AFTER, path);
    const summary = await store.reload();
    expect(summary.models).toMatchObject({
      added: ['gpt-5.6'],
      removed: [],
      changed: ['gpt-5.5'],
      families: { 'gpt-5.6': 'openai/gpt-5-reasoning' },
      changes: { 'gpt-5.5': ['pricing.input 5e-6 → 4e-6'] },
    });

    const gpt56 = target(store, 'gpt-5.6');
    expect(gpt56.capability).toMatchObject({ extends: 'openai/gpt-5-reasoning', provider: 'openai', mode: 'chat', limits: { max_output_tokens: 128000 } });
    expectGpt5Rules(gpt56, 'gpt-5.6');
    // The map's own effort list is kept; the family supplies the default.
    expect(gpt56.capability?.params?.reasoning_effort).toEqual({ enum: ['none', 'low', 'medium', 'high', 'xhigh'], default: 'medium' });

    const gpt55 = target(store, 'gpt-5.5');
    expect(gpt55.pricing?.input).toBe(4e-6);
    expect(gpt55.capability?.pricing).toMatchObject({ output: 3e-5, cached_input: 5e-7 });
    expectGpt5Rules(gpt55, 'gpt-5.5');
  });
});

describe('model_info and families', () => {
  it('refuses extends in model_info, naming where it is', () => {
    // Checked with every other model_info problem when the config loads, before any snapshot.
    expect(() =>
      loadSettings({
        config: { model_list: [{ model_name: 'm', litellm_params: { model: 'openai/gpt-5.5', api_key: 'k' }, model_info: { extends: 'openai/gpt-4' } }] },
        env: {},
      }),
    ).toThrow(/model_list\[0\]\.model_info\.extends is not supported/);
  });
});
