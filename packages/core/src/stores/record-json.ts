/**
 * JSON for store records that hold BigInt money: a bigint becomes `{"$atto": "<digits>"}` and
 * back, so a store can keep a record's less-queried fields in one JSON column without losing
 * exactness (JSON numbers are doubles).
 */
export function recordToJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? { $atto: item.toString() } : item));
}

export function recordFromJson<T>(text: string): T {
  return JSON.parse(text, (_key, item: unknown) => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const tagged = (item as { $atto?: unknown }).$atto;
      if (typeof tagged === 'string' && Object.keys(item).length === 1) return BigInt(tagged);
    }
    return item;
  }) as T;
}
