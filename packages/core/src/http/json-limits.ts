import { GatewayError } from '../errors/gateway-error.js';

/**
 * Bounds on the shape of a JSON request body, on top of its size. They keep one hostile body
 * from stalling every request: an object with a million keys costs about a second to parse
 * and as much again for each copy and serialization on the way upstream (docs/performance.md),
 * and a body nested thousands of levels deep overflows the stack of JSON.stringify.
 */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays (`{"a":[1]}` is 2 levels). */
  readonly maxDepth: number;
  /** Most keys in any one object. */
  readonly maxObjectKeys: number;
  /** Most keys in all objects of the body together. */
  readonly maxKeys: number;
  /** Most items in any one array. */
  readonly maxArrayLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxDepth: 128,
  maxObjectKeys: 1_000,
  maxKeys: 200_000,
  maxArrayLength: 100_000,
};

export type JsonLimitName = keyof JsonLimits;

/** Where each limit is set in config.yaml, so the error names the knob to turn. */
export const JSON_LIMIT_CONFIG_KEYS: Readonly<Record<JsonLimitName, string>> = {
  maxDepth: 'max_request_json_depth',
  maxObjectKeys: 'max_request_json_object_keys',
  maxKeys: 'max_request_json_keys',
  maxArrayLength: 'max_request_json_array_length',
};

const WHAT: Readonly<Record<JsonLimitName, string>> = {
  maxDepth: 'nests deeper than the limit of {n} levels',
  maxObjectKeys: 'has an object with more than the limit of {n} keys',
  maxKeys: 'has more than the limit of {n} object keys in total',
  maxArrayLength: 'has an array with more than the limit of {n} items',
};

export function jsonLimitExceeded(limit: JsonLimitName, value: number): GatewayError {
  return new GatewayError(
    'body_too_complex',
    `The request body ${WHAT[limit].replace('{n}', String(value))} (general_settings.${JSON_LIMIT_CONFIG_KEYS[limit]}).`,
  );
}

/** The defaults with the given overrides, each checked to be a positive integer. */
export function resolveJsonLimits(overrides: Partial<JsonLimits> | undefined): JsonLimits {
  const limits = { ...DEFAULT_JSON_LIMITS, ...stripUndefined(overrides) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new GatewayError('invalid_config', `Invalid config: JSON limit ${name} must be a positive integer (got ${String(value)}).`);
    }
  }
  return limits;
}

function stripUndefined(overrides: Partial<JsonLimits> | undefined): Partial<JsonLimits> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(overrides ?? {})) if (value !== undefined) result[name] = value;
  return result;
}
