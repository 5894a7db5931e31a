/**
 * JSON for store records that hold BigInt money: a bigint becomes `{"$atto": "<digits>"}` and
 * back, so a store can keep a record's less-queried fields in one JSON column without losing
 * exactness (JSON numbers are doubles).
 */
export function recordToJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? { $atto: item.toString() } : item));
}

/**
 * The inverse of `recordToJson`. A plain `JSON.parse` and then a walk that swaps the tagged
 * objects back, rather than a reviver: V8's reviver path costs about three times as much, and
 * every spend row goes through here once (the outbox's delivery), so it is on the write path.
 */
export function recordFromJson<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  return (text.includes('"$atto"') ? restoreAtto(value) : value) as T;
}

function restoreAtto(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const next = restoreAtto(item);
      if (next !== item) value[index] = next;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const tagged = record.$atto;
  if (typeof tagged === 'string' && Object.keys(record).length === 1) return BigInt(tagged);
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === null || typeof item !== 'object') continue;
    const next = restoreAtto(item);
    // defineProperty: a key named "__proto__" (an own property JSON.parse made) stays a plain property.
    if (next !== item) Object.defineProperty(record, key, { value: next, writable: true, enumerable: true, configurable: true });
  }
  return record;
}
