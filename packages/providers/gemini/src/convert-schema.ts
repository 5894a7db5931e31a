import { GatewayError } from '@switchyard/core';

/** The JSON Schema keywords Gemini's OpenAPI-subset `Schema` accepts. Everything else is removed. */
const KEPT = new Set(['type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering', 'default', 'items', 'minimum', 'maximum']);
const MAX_DEPTH = 32;

/**
 * An OpenAI tool's JSON Schema as Gemini's OpenAPI-subset Schema: `type: ["string", "null"]`
 * becomes `nullable`, `const` a one-value `enum`, `oneOf` `anyOf`; keywords Gemini rejects
 * (`$schema`, `additionalProperties`, `$ref`, …) are dropped. A `$ref` cannot be dropped
 * without changing meaning, so it is refused with the parameter path.
 */
export function toGeminiSchema(schema: unknown, param: string, depth = 0): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new GatewayError('invalid_value', `${param} is nested deeper than ${MAX_DEPTH} levels.`, { param });
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return {};
  const source = schema as Record<string, unknown>;
  if ('$ref' in source) {
    throw new GatewayError('unsupported_value', `${param} uses $ref, which Gemini function declarations do not support: inline the definition.`, { param });
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((type) => type !== 'null');
      if (types.length !== value.length) out.nullable = true;
      if (types.length === 1) out.type = String(types[0]).toUpperCase();
      else if (types.length > 1) out.anyOf = types.map((type) => ({ type: String(type).toUpperCase() }));
    } else if (key === 'type' && typeof value === 'string') {
      if (value === 'null') out.nullable = true;
      else out.type = value.toUpperCase();
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toGeminiSchema(child, `${param}.properties.${name}`, depth + 1)]));
    } else if (key === 'items') {
      out.items = toGeminiSchema(value, `${param}.items`, depth + 1);
    } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out.anyOf = value.map((child, index) => toGeminiSchema(child, `${param}.${key}[${index}]`, depth + 1));
    } else if (key === 'enum' && Array.isArray(value)) {
      out.enum = value.map(String);
    } else if (KEPT.has(key)) {
      out[key] = value;
    }
  }
  return out;
}
