import { REDACTED } from './key-patterns.js';

/**
 * Error bodies are small, but a hostile upstream may nest deeply; past this depth a value is
 * replaced whole rather than walked (no stack overflow, nothing unredacted passes).
 */
const MAX_DEPTH = 64;

/** A copy of a JSON value with every string, object keys included, passed through `text`. */
export function redactDeep(value: unknown, text: (value: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, text, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // defineProperty, not assignment: a `__proto__` key from upstream JSON stays a plain key.
    Object.defineProperty(result, text(key), { value: redactDeep(item, text, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
