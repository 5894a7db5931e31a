import { describe, expect, it } from 'vitest';
import { checkSourceSize } from './check-source-size.js';
import type { LoadedSource } from './load-capability-sources.js';

const source = (models: number, kind: LoadedSource['kind'] = 'url', problems: LoadedSource['problems'] = []): LoadedSource => ({
  source: 'https://prices.example/map.json',
  kind,
  format: 'litellm',
  files: [],
  problems,
  models,
});
const check = (loaded: LoadedSource, previous: number | undefined, force = false) => () => checkSourceSize(loaded, previous, { force });

describe('checkSourceSize', () => {
  it('refuses an empty file or URL source, saying why when every entry was skipped', () => {
    expect(check(source(0), undefined)).toThrow('Capability source https://prices.example/map.json defines no models.');
    expect(check(source(0, 'file', [{ source: 's', model: 'dall-e', message: 'skipped: mode image_generation', skipped: true }]), 10, true)).toThrow(
      /defines no models: all 1 of its entries were skipped \(first: dall-e: skipped: mode image_generation\)/,
    );
  });

  it('refuses a source with fewer than half the models of its last load, unless forced', () => {
    expect(check(source(1449), 2900)).toThrow(/defines 1449 models, fewer than half of the 2900 it defined at the last load/);
    expect(check(source(1449), 2900)).toThrow(expect.objectContaining({ code: 'invalid_capabilities', status: 422 }));
    expect(check(source(1450), 2900)).not.toThrow();
    expect(check(source(3), 2900, true)).not.toThrow();
    expect(check(source(3), undefined)).not.toThrow();
  });

  it('leaves builtin and plugin files alone', () => {
    expect(check(source(0, 'builtin'), 17)).not.toThrow();
    expect(check(source(0, 'plugin'), 3)).not.toThrow();
  });
});
