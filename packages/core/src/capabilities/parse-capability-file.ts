import { GatewayError } from '../errors/gateway-error.js';
import type { CapabilityFile } from '../generated/capability.js';
import { describeAjvErrors } from '../json-schema/describe-ajv-error.js';
import { formatJsonPath } from '../json-schema/format-json-path.js';
import { capabilitySchema } from './capability-schema.js';

/** A capability file that passed validation, with where it came from (for messages). */
export interface LoadedCapabilityFile {
  readonly source: string;
  readonly file: CapabilityFile;
}

/**
 * Validates a parsed capability file against the schema, then the few facts a schema cannot
 * state (a default among its own values, an alias claimed once). An invalid file is refused
 * whole, with the JSON path of every problem: `models["gpt-5.5"].limits.max_output_tokens must be integer`.
 */
export function parseCapabilityFile(value: unknown, source: string): LoadedCapabilityFile {
  const { file: validate } = capabilitySchema();
  const problems = validate(value) ? checkFacts(value as CapabilityFile) : describeAjvErrors(validate.errors);
  if (problems.length > 0) {
    throw new GatewayError('invalid_capabilities', `Invalid capability file ${source}:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
  return { source, file: value as CapabilityFile };
}

function checkFacts(file: CapabilityFile): string[] {
  const problems: string[] = [];
  const claimed = new Map<string, string>();
  for (const [name, entry] of Object.entries(file.models)) {
    const path = (...rest: string[]) => formatJsonPath(`/models/${escape(name)}${rest.map((part) => `/${escape(part)}`).join('')}`);
    for (const [param, spec] of Object.entries(entry.params ?? {})) {
      if (spec.enum !== undefined && 'default' in spec && !spec.enum.includes(spec.default)) {
        problems.push(`${path('params', param, 'default')} must be one of the param's enum values`);
      }
    }
    for (const [index, alias] of (entry.aliases ?? []).entries()) {
      const owner = file.models[alias] === undefined ? claimed.get(alias) : alias;
      if (owner !== undefined) problems.push(`${path('aliases', String(index))} ${JSON.stringify(alias)} is already the name or alias of ${JSON.stringify(owner)}`);
      claimed.set(alias, name);
    }
  }
  return problems;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
