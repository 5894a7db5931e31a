import type { ErrorObject } from 'ajv';
import { GatewayError } from '../errors/gateway-error.js';
import type { CapabilityFile } from '../generated/capability.js';
import { describeAjvErrors } from '../json-schema/describe-ajv-error.js';
import { formatJsonPath } from '../json-schema/format-json-path.js';
import { capabilitySchema } from './capability-schema.js';

/** A capability file that passed validation, with where it came from (for messages). */
export interface LoadedCapabilityFile {
  readonly source: string;
  readonly file: CapabilityFile;
  /**
   * True for a file converted from LiteLLM's map: its `extends` is the importer's guess, so it
   * never replaces the family an earlier (curated) source gave the same model.
   */
  readonly imported?: boolean;
}

/** One reason a capability file is invalid: `models["gpt-5.5"].limits.max_output_tokens must be integer`. */
export interface CapabilityFileProblem {
  readonly line: string;
  /** The entry the problem is in, when it is inside `models`. */
  readonly model: string | undefined;
}

/**
 * Validates a parsed capability file against the schema, then the few facts a schema cannot
 * state (a default among its own values, an alias claimed once). An invalid file is refused
 * whole, with the JSON path of every problem: `models["gpt-5.5"].limits.max_output_tokens must be integer`.
 */
export function parseCapabilityFile(value: unknown, source: string): LoadedCapabilityFile {
  const problems = findCapabilityFileProblems(value);
  if (problems.length > 0) throw invalidCapabilityFile(source, problems.map((problem) => problem.line));
  return { source, file: value as CapabilityFile };
}

/** Every problem of a capability file, each with the model it belongs to; empty when the file is valid. */
export function findCapabilityFileProblems(value: unknown): CapabilityFileProblem[] {
  const { file: validate } = capabilitySchema();
  if (validate(value)) return checkFacts(value as CapabilityFile);
  return (validate.errors ?? []).flatMap((error) =>
    describeAjvErrors([error]).map((line) => ({ line, model: modelOf(error) })),
  ).filter((problem, index, all) => all.findIndex((other) => other.line === problem.line) === index);
}

export function invalidCapabilityFile(source: string, lines: readonly string[]): GatewayError {
  return new GatewayError('invalid_capabilities', `Invalid capability file ${source}:\n${lines.map((line) => `  - ${line}`).join('\n')}`);
}

function modelOf(error: ErrorObject): string | undefined {
  const match = /^\/models\/([^/]+)/.exec(error.instancePath);
  if (match !== null) return match[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
  // `models.x.provider is required` and `models.x.colour is not allowed` are reported on the entry itself.
  return undefined;
}

function checkFacts(file: CapabilityFile): CapabilityFileProblem[] {
  const problems: CapabilityFileProblem[] = [];
  const claimed = new Map<string, string>();
  for (const [name, entry] of Object.entries(file.models)) {
    const path = (...rest: string[]) => formatJsonPath(`/models/${escape(name)}${rest.map((part) => `/${escape(part)}`).join('')}`);
    for (const [param, spec] of Object.entries(entry.params ?? {})) {
      if (spec.enum !== undefined && 'default' in spec && !spec.enum.includes(spec.default)) {
        problems.push({ line: `${path('params', param, 'default')} must be one of the param's enum values`, model: name });
      }
    }
    for (const [index, alias] of (entry.aliases ?? []).entries()) {
      const owner = file.models[alias] === undefined ? claimed.get(alias) : alias;
      if (owner !== undefined) {
        problems.push({ line: `${path('aliases', String(index))} ${JSON.stringify(alias)} is already the name or alias of ${JSON.stringify(owner)}`, model: name });
      }
      claimed.set(alias, name);
    }
  }
  return problems;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
