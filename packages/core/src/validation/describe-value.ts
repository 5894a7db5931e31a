import { clip } from '../errors/quote-client-value.js';

/** A request value as OpenAI's error messages show it: strings quoted (and clipped), the rest as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${clip(value)}'`;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** `'none', 'low', 'medium'` — every value, in the order the capability lists them. */
export function describeValues(values: readonly unknown[]): string {
  return values.map(describeValue).join(', ');
}

/** The JSON type of a value in OpenAI's words (`a string`, `an integer`, `null`). */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Expected types from a JSON Schema `type` (`a number or null`). */
export function describeSchemaTypes(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).filter((name): name is string => typeof name === 'string');
  const words = types.map((name) => (name === 'null' ? 'null' : name === 'integer' || name === 'object' || name === 'array' ? `an ${name}` : `a ${name}`));
  return words.length <= 1 ? (words[0] ?? 'another type') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
