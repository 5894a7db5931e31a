// Shared by the gen script and the staleness test: renders one schema to TypeScript.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';

/** @type {{ schema: string, output: string, name: string }[]} */
export const GENERATED_TYPES = [
  { schema: 'schemas/config.schema.json', output: 'packages/core/src/generated/config.ts', name: 'GatewayConfig' },
  { schema: 'schemas/capability.schema.json', output: 'packages/core/src/generated/capability.ts', name: 'CapabilityFile' },
];

const BANNER = `/* eslint-disable */
/**
 * DO NOT EDIT. Generated from {schema} by scripts/gen-types.mjs (pnpm gen).
 * A test fails when this file is stale.
 */`;

/**
 * @param {string} root the repository root
 * @param {{ schema: string, output: string, name: string }} target
 */
export async function renderTypes(root, target) {
  const schema = JSON.parse(await readFile(join(root, target.schema), 'utf8'));
  return compile(schema, target.name, {
    bannerComment: BANNER.replace('{schema}', target.schema),
    unreachableDefinitions: true,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
  });
}
