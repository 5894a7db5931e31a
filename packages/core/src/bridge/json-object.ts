export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies the listed keys whose value is present (not `undefined`) from `source` into `target`. */
export function copyPresent(target: JsonObject, source: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    if (source[key] !== undefined) target[key] = source[key];
  }
}

/** Drops `undefined` values so outgoing bodies stay compact and snapshots stay readable. */
export function withoutUndefined<T extends JsonObject>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
