// The committed types must be exactly what the schemas generate today: a schema change
// without `pnpm gen` fails here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// A plain .mjs script (type-checked through JSDoc), shared with scripts/gen-types.mjs.
import { GENERATED_TYPES, renderTypes } from '../../../../scripts/render-types.mjs';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('generated types', () => {
  it.each(GENERATED_TYPES)('$output is up to date with $schema (run pnpm gen)', async (target) => {
    const committed = await readFile(join(root, target.output), 'utf8');
    expect(committed).toBe(await renderTypes(root, target));
  });
});
