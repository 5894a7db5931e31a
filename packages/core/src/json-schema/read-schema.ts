import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reads a JSON file shipped in @switchyard/schemas (`config.schema.json`, `capabilities/openai.json`). */
export function readSchemaFile<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(resolveSchemaFile(name), 'utf8')) as T;
}

export function resolveSchemaFile(name: string): string {
  return require.resolve(`@switchyard/schemas/${name}`);
}
