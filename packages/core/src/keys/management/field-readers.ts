import { parseAttoUsd } from '../../cost/atto-usd.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseDuration } from '../budget-duration.js';

export type Fields = Readonly<Record<string, unknown>>;

const MAX_LIST = 1_000;
const MAX_TEXT = 512;

function invalid(param: string, expected: string): GatewayError {
  return new GatewayError('invalid_type', `Invalid type for '${param}': expected ${expected}.`, { param });
}

/** Undefined: absent. Null: given as null (clears). Otherwise the typed value. */
export function text(fields: Fields, name: string): string | null | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw invalid(name, `a string of at most ${MAX_TEXT} characters`);
  return value;
}

export function requiredText(fields: Fields, name: string): string {
  const value = text(fields, name);
  if (value === undefined || value === null || value === '') {
    throw new GatewayError('missing_required_parameter', `Missing required parameter: '${name}'.`, { param: name });
  }
  return value;
}

export function flag(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, 'a boolean');
  return value;
}

/** A non-negative integer limit (tpm_limit, rpm_limit, max_parallel_requests). */
export function count(fields: Fields, name: string): number | null | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(name, 'a non-negative integer');
  return value;
}

/** USD as a JSON number or decimal string, kept exact in attoUSD. */
export function money(fields: Fields, name: string): bigint | null | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return value;
  const atto = parseAttoUsd(value);
  if (atto === undefined) throw invalid(name, 'a non-negative amount in USD');
  return atto;
}

export function duration(fields: Fields, name: string): string | null | undefined {
  const value = text(fields, name);
  if (value === undefined || value === null) return value;
  parseDuration(value, name);
  return value.trim();
}

export function stringList(fields: Fields, name: string): string[] | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > MAX_LIST || value.some((item) => typeof item !== 'string' || item.length > MAX_TEXT)) {
    throw invalid(name, `an array of at most ${MAX_LIST} strings`);
  }
  return [...new Set(value as string[])];
}

export function object(fields: Fields, name: string): Record<string, unknown> | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'an object');
  return value as Record<string, unknown>;
}

/** `{ name: non-negative integer }` (model_rpm_limit, model_tpm_limit). */
export function countMap(fields: Fields, name: string): Record<string, number> | undefined {
  const value = object(fields, name);
  if (value === undefined) return undefined;
  const result: Record<string, number> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'number' || !Number.isSafeInteger(item) || item < 0) throw invalid(`${name}.${key}`, 'a non-negative integer');
    result[key] = item;
  }
  return result;
}

/** `{ name: string }` (aliases). */
export function textMap(fields: Fields, name: string): Record<string, string> | undefined {
  const value = object(fields, name);
  if (value === undefined) return undefined;
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' || item === '') throw invalid(`${name}.${key}`, 'a model name');
    result[key] = item;
  }
  return result;
}

/** A list of ids given as `keys: [...]` (or one id as a string). */
export function idList(fields: Fields, name: string): string[] | undefined {
  const value = fields[name];
  if (typeof value === 'string' && value !== '') return [value];
  return stringList(fields, name);
}
