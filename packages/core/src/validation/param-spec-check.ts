import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ParamSpec } from '../generated/capability.js';
import { createAjv } from '../json-schema/create-ajv.js';
import { describeJsonType, describeSchemaTypes, describeValue, describeValues } from './describe-value.js';
import type { RequestProblem } from './request-problem.js';

// A ParamSpec is a small JSON Schema. Many models share the same specs (`{"enum": [1]}`), so
// compiled validators are shared by their JSON text: loading every shipped file stays cheap.
const ajv = createAjv({ allErrors: false });
const compiled = new Map<string, ValidateFunction>();

/** Compiles the JSON Schema part of a spec; `default` and `description` are data, not checks. */
export function compileParamSpec(spec: ParamSpec): (value: unknown) => ErrorObject | undefined {
  const { default: _default, description: _description, ...schema } = spec;
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  const check = validate;
  return (value) => (check(value) ? undefined : (check.errors?.[0] ?? ({ keyword: 'false schema' } as ErrorObject)));
}

export interface SpecProblemOptions {
  readonly spec: ParamSpec;
  readonly error: ErrorObject;
  readonly param: string;
  readonly value: unknown;
  readonly model: string;
  readonly location: readonly string[];
  /** ` when reasoning_effort is 'high'` for a rule. */
  readonly context?: string;
  /** A sentence added at the end: which other setting would accept the value. */
  readonly hint?: string;
}

/** The 400 for a value a spec refuses: a wrong type, or a value the model does not accept. */
export function specProblem(options: SpecProblemOptions): RequestProblem {
  const { spec, error, param, value } = options;
  if (error.keyword === 'type') {
    return {
      code: 'invalid_type',
      param,
      message: `Invalid type for '${param}': expected ${describeSchemaTypes(spec.type)}, but got ${describeJsonType(value)} instead.`,
    };
  }
  return {
    code: 'unsupported_value',
    param,
    message:
      `Unsupported value: '${param}' does not support ${describeValue(value)} with model ${options.model}${options.context ?? ''}. ` +
      `Supported values are${describeAllowed(spec)}.${options.hint === undefined ? '' : ` ${options.hint}`}`,
    drop: options.location,
  };
}

function describeAllowed(spec: ParamSpec): string {
  if (spec.enum !== undefined) return `: ${describeValues(spec.enum)}`;
  const { minimum, maximum } = spec;
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` ${minimum} and above`;
  if (maximum !== undefined) return ` up to ${maximum}`;
  return ` of ${describeSchemaTypes(spec.type)}`;
}
