import type { ValidateFunction } from 'ajv';
import type { GatewayConfig } from '../generated/config.js';
import { createAjv } from '../json-schema/create-ajv.js';
import { describeAjvErrors } from '../json-schema/describe-ajv-error.js';
import { readSchemaFile } from '../json-schema/read-schema.js';
import type { ConfigProblems } from './config-problems.js';

let validator: ValidateFunction | undefined;

/**
 * Checks a config object against schemas/config.schema.json; every problem is added, named by
 * path. Values are coerced the way LiteLLM's pydantic models coerce them (`timeout: "30"` is
 * 30, `REDIS_PORT: 6329` in environment_variables is "6329"), in place: pass a copy.
 * Returns the config when it is valid; otherwise `partial` holds the deployments that are
 * valid themselves, so what providers cannot serve is reported in the same run.
 */
export function validateConfig(config: unknown, problems: ConfigProblems, unresolved: ReadonlySet<string> = new Set()): { config?: GatewayConfig; partial?: GatewayConfig } {
  validator ??= createAjv({ coerceTypes: true }).compile(readSchemaFile('config.schema.json'));
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    problems.add('(root) must be a mapping with model_list');
    return {};
  }
  // An empty section (`general_settings:` with nothing under it) is null in YAML; LiteLLM reads it
  // as an empty section, so does Switchyard.
  for (const [section, value] of Object.entries(config)) if (value === null) delete (config as Record<string, unknown>)[section];
  if (validator(config)) return { config: config as GatewayConfig };
  // A value whose variable is missing is already reported as such.
  const errors = (validator.errors ?? []).filter((error) => !unresolved.has(error.instancePath));
  const bad = new Set<string>();
  const badSections = new Set<string>();
  for (const error of errors) {
    const [, section = '', index] = error.instancePath.split('/');
    badSections.add(section);
    if (section === 'model_list' && index !== undefined) bad.add(index);
    else if (section === 'model_list' || section === '') bad.add('all');
  }
  for (const line of describeAjvErrors(errors)) problems.add(line);
  // The sections without problems, and the deployments without problems (invalid ones become
  // null, so the others keep their index in messages).
  const partial: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(config)) if (!badSections.has(section) && !bad.has('all')) partial[section] = value;
  const list = (config as { model_list?: unknown }).model_list;
  partial.model_list = !bad.has('all') && Array.isArray(list) ? list.map((entry, index) => (bad.has(String(index)) ? null : entry)) : [];
  return { partial: partial as GatewayConfig };
}
