import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveSchemaFile } from '../json-schema/read-schema.js';
import type { LoadedCapabilityFile } from './parse-capability-file.js';
import { readCapabilityFile } from './read-capability-file.js';

let builtin: readonly LoadedCapabilityFile[] | undefined;

/**
 * The capability files shipped in @switchyard/schemas (`capabilities/*.json`), read and
 * validated once per process. They are frozen: every gateway and snapshot shares them, and
 * overrides are merged into copies.
 */
export function builtinCapabilityFiles(): readonly LoadedCapabilityFile[] {
  if (builtin !== undefined) return builtin;
  const directory = join(dirname(resolveSchemaFile('package.json')), 'capabilities');
  const names = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  builtin = Object.freeze(names.map((name) => deepFreeze(readCapabilityFile(join(directory, name)))));
  return builtin;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
