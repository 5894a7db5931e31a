import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonValue } from './check-json-value.js';
import type { JsonLimits } from './json-limits.js';
import { JsonStructureScanner } from './json-structure-scanner.js';

const LIMITS: JsonLimits = { maxDepth: 4, maxObjectKeys: 3, maxKeys: 8, maxArrayLength: 3 };

function scan(text: string, chunkSize: number, limits = LIMITS): string | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new JsonStructureScanner(limits);
  try {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) scanner.feed(bytes.subarray(offset, offset + chunkSize));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function walk(value: unknown, limits = LIMITS): string | undefined {
  try {
    checkJsonValue(value, limits);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('JsonStructureScanner', () => {
  it.each([
    ['depth', '[[[["x"]]]]', undefined],
    ['depth', '[[[[["x"]]]]]', 'nests deeper than the limit of 4 levels'],
    ['keys in one object', '{"a":1,"b":2,"c":3}', undefined],
    ['keys in one object', '{"a":1,"b":2,"c":3,"d":4}', 'more than the limit of 3 keys'],
    ['array items', '[1,2,3]', undefined],
    ['array items', '[1,2,3,4]', 'more than the limit of 3 items'],
    ['keys in total', '[{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3}]', 'more than the limit of 8 object keys'],
    ['brackets and colons inside strings', '{"a":"[[[[[:,,,,{{{{"}', undefined],
    ['escaped quotes inside strings', '{"a":"\\"[[[[[[\\\\"}', undefined],
    ['a backslash run before a closing quote', '{"a":"\\\\\\\\","b":[[[[[1]]]]]}', 'nests deeper'],
  ])('%s: %s', (_label, text, problem) => {
    for (const chunkSize of [1, 2, 3, 7, 1_000]) {
      const message = scan(text, chunkSize);
      if (problem === undefined) expect(message).toBeUndefined();
      else expect(message).toContain(problem);
    }
  });

  it('agrees with the walk of the parsed value, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 64 }), (value, chunkSize) => {
        const text = JSON.stringify(value);
        expect(scan(text, chunkSize) === undefined).toBe(walk(JSON.parse(text)) === undefined);
      }),
      { seed: 7, numRuns: 2_000 },
    );
  });

  it('walks a value nested 100,000 levels deep without overflowing the stack', () => {
    let value: unknown = 1;
    for (let level = 0; level < 100_000; level++) value = [value];
    expect(walk(value, { ...LIMITS, maxDepth: 200_000 })).toBeUndefined();
    expect(walk(value)).toContain('4 levels');
  });
});
