import type { ValidateFunction } from 'ajv';
import { createAjv } from '../json-schema/create-ajv.js';
import { readSchemaFile } from '../json-schema/read-schema.js';

interface SchemaDocument {
  definitions: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

let compiled: { file: ValidateFunction; patch: ValidateFunction; fields: ReadonlySet<string> } | undefined;

/**
 * Validators from schemas/capability.schema.json, compiled once per process: one for a whole
 * capability file, one for a partial entry (config.yaml `model_info`): the same definition
 * (`CapabilityFields`: nothing is required there).
 */
export function capabilitySchema(): NonNullable<typeof compiled> {
  if (compiled !== undefined) return compiled;
  const schema = readSchemaFile<SchemaDocument>('capability.schema.json');
  const ajv = createAjv();
  const entry = schema.definitions.CapabilityFields!;
  const patch = { ...entry, definitions: schema.definitions };
  compiled = {
    file: ajv.compile(schema),
    patch: ajv.compile(patch),
    fields: new Set(Object.keys(entry.properties as object)),
  };
  return compiled;
}
