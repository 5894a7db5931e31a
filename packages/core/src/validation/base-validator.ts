import type { ErrorObject, ValidateFunction } from 'ajv';
import { clip } from '../errors/quote-client-value.js';
import { createAjv } from '../json-schema/create-ajv.js';
import { formatJsonPath } from '../json-schema/format-json-path.js';
import type { Endpoint } from '../providers/provider.js';
import { BASE_REQUEST_SCHEMAS } from './base-request-schemas.js';
import { describeJsonType, describeSchemaTypes, describeValue, describeValues } from './describe-value.js';
import type { RequestProblem } from './request-problem.js';

// The base schemas do not depend on the model: one compiled validator per endpoint per process.
// allErrors off: the request path stops at the first problem, the one OpenAI would report.
const ajv = createAjv({ allErrors: false, verbose: true });
const validators = new Map<Endpoint, ValidateFunction>();

/** The compiled wire-format validator of an endpoint (compiled on first use, then shared). */
export function baseValidator(endpoint: Endpoint): ValidateFunction {
  let validator = validators.get(endpoint);
  if (validator === undefined) {
    validator = ajv.compile(BASE_REQUEST_SCHEMAS[endpoint]);
    validators.set(endpoint, validator);
  }
  return validator;
}

/** Turns the first Ajv error of a base validator into OpenAI's 400. */
export function baseProblem(error: ErrorObject | undefined): RequestProblem {
  if (error === undefined) return { code: 'invalid_value', param: '', message: 'The request body is invalid.' };
  const params = error.params as Record<string, unknown>;
  // Paths are built from the client's own keys: clipped like any echoed value.
  const param = clip(formatJsonPath(error.instancePath));
  const named = param === '' ? 'the request body' : `'${param}'`;
  switch (error.keyword) {
    case 'required': {
      const missing = clip(formatJsonPath(`${error.instancePath}/${String(params.missingProperty)}`));
      return { code: 'missing_required_parameter', param: missing, message: `Missing required parameter: '${missing}'.` };
    }
    case 'type':
      return {
        code: 'invalid_type',
        param,
        message: `Invalid type for ${named}: expected ${describeSchemaTypes(params.type)}, but got ${describeJsonType(error.data)} instead.`,
      };
    case 'minItems':
      return {
        code: 'invalid_value',
        param,
        message:
          Array.isArray(error.data) && error.data.length === 0
            ? `Invalid ${named}: empty array. Expected an array with minimum length ${String(params.limit)}, but got an empty array instead.`
            : `Invalid ${named}: expected an array with minimum length ${String(params.limit)}.`,
      };
    case 'minimum':
    case 'maximum': {
      const [word, operator] = error.keyword === 'minimum' ? ['below minimum', '>='] : ['above maximum', '<='];
      return {
        code: 'invalid_value',
        param,
        message: `Invalid ${named}: number ${word} value. Expected a value ${operator} ${String(params.limit)}, but got ${describeValue(error.data)} instead.`,
      };
    }
    case 'enum':
      return {
        code: 'invalid_value',
        param,
        message: `Invalid value: ${describeValue(error.data)}. Supported values are: ${describeValues(params.allowedValues as unknown[])}.`,
      };
    default:
      return { code: 'invalid_value', param, message: `Invalid ${named}: ${error.message ?? 'invalid value'}.` };
  }
}
