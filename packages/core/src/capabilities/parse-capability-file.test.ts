import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCapabilityEntries } from './collect-capability-entries.js';
import { builtinCapabilityFiles } from './builtin-capability-files.js';
import { parseCapabilityFile } from './parse-capability-file.js';
import { readCapabilityFile } from './read-capability-file.js';

const entry = { provider: 'acme', mode: 'chat' };

function problems(value: unknown): string {
  try {
    parseCapabilityFile(value, 'test.json');
  } catch (error) {
    expect(error).toMatchObject({ code: 'invalid_capabilities' });
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('capability files', () => {
  it('ships valid files covering the OpenAI family, with dated aliases', () => {
    const models = Object.fromEntries(collectCapabilityEntries(builtinCapabilityFiles()));
    for (const name of ['gpt-5.5', 'gpt-5.5-pro', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.1', 'gpt-5.2', 'gpt-5.4', 'gpt-5.4-pro']) {
      expect(models[name], name).toBeDefined();
    }
    for (const name of ['gpt-4.1', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini', 'text-embedding-3-small', 'text-embedding-3-large']) {
      expect(models[name], name).toBeDefined();
    }
    expect(models['gpt-5.5']).toMatchObject({
      mode: 'chat',
      aliases: ['gpt-5.5-2026-04-23'],
      limits: { max_input_tokens: 1_050_000, max_output_tokens: 128_000 },
      pricing: { input: 5e-6, cached_input: 5e-7, output: 3e-5, tiers: [{ above_input_tokens: 272_000, input: 1e-5, output: 4.5e-5 }] },
      params: { reasoning_effort: { enum: ['none', 'low', 'medium', 'high', 'xhigh'], default: 'medium' } },
      token_param: 'max_completion_tokens',
    });
    expect(models['gpt-5.5-pro']).toMatchObject({
      mode: 'responses',
      endpoints: ['responses', 'batch'],
      params: { reasoning_effort: { enum: ['medium', 'high', 'xhigh'], default: 'high' } },
    });
  });

  it('refuses a file with the JSON path of every problem', () => {
    const message = problems({
      models: {
        'gpt-9.9': { provider: 'acme', mode: 'chatty', limits: { max_output_tokens: 1.5 }, pricing: { input: -1 } },
        other: { mode: 'chat', params: { temperature: { enum: [] } }, rules: [{ when: {}, then: { temperature: { maximum: 'two' } } }] },
      },
    });
    expect(message).toContain('Invalid capability file test.json');
    expect(message).toContain('models["gpt-9.9"].mode must be one of "chat", "responses", "embedding"');
    expect(message).toContain('models["gpt-9.9"].limits.max_output_tokens must be integer');
    expect(message).toContain('models["gpt-9.9"].pricing.input must be >= 0');
    expect(message).toContain('models.other.provider is required');
    expect(message).toContain('models.other.params.temperature.enum must NOT have fewer than 1 items');
    expect(message).toContain('models.other.rules[0].when must NOT have fewer than 1 properties');
    expect(message).toContain('models.other.rules[0].then.temperature.maximum must be number');
  });

  it('refuses unknown keys, so a typo does not silently mean nothing', () => {
    expect(problems({ models: { m: { ...entry, limit: {} } } })).toContain('models.m.limit is not an allowed property');
    expect(problems({ models: { m: { ...entry, features: { visoin: true } } } })).toContain('models.m.features.visoin is not an allowed property');
  });

  it('refuses a default outside its own values and an alias claimed twice', () => {
    const message = problems({
      models: {
        a: { ...entry, aliases: ['a-1'], params: { reasoning_effort: { enum: ['low'], default: 'high' } } },
        b: { ...entry, aliases: ['a-1', 'a'] },
      },
    });
    expect(message).toContain("models.a.params.reasoning_effort.default must be one of the param's enum values");
    expect(message).toContain('models.b.aliases[0] "a-1" is already the name or alias of "a"');
    expect(message).toContain('models.b.aliases[1] "a" is already the name or alias of "a"');
  });

  it('names the file when it is missing or not JSON', () => {
    const directory = mkdtempSync(join(tmpdir(), 'capabilities-'));
    const path = join(directory, 'broken.json');
    writeFileSync(path, '{ "models": ');
    expect(() => readCapabilityFile(path)).toThrow(/Capability file .*broken\.json is not valid JSON/);
    expect(() => readCapabilityFile(join(directory, 'missing.json'))).toThrow(/Cannot read capability file .*missing\.json \(ENOENT\)/);
  });
});
