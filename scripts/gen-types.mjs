#!/usr/bin/env node
// Generates TypeScript types from the JSON Schemas in schemas/ into packages/core/src/generated/.
// `pnpm gen` writes them; `pnpm gen --check` exits 1 when the committed files are stale
// (packages/core/src/generated/generated-types.test.ts runs the same comparison).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTypes, GENERATED_TYPES } from './render-types.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;
for (const target of GENERATED_TYPES) {
  const output = new URL(target.output, `file://${root}/`);
  const rendered = await renderTypes(root, target);
  const current = await readFile(output, 'utf8').catch(() => '');
  if (current === rendered) continue;
  if (check) {
    console.error(`stale: ${target.output} (run pnpm gen)`);
    stale++;
  } else {
    await writeFile(output, rendered);
    console.log(`wrote ${target.output}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
