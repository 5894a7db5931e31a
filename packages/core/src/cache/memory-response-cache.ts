import type { ResponseCacheStore } from './response-cache-store.js';

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
  readonly bytes: number;
}

/**
 * The in-process response cache: least recently used first out, bounded by the total size of
 * what it holds (UTF-16 length × 2 plus the key, close to what V8 keeps), with a TTL per entry.
 * A Map keeps insertion order, so a hit re-inserts its entry and eviction takes the first.
 */
export function memoryResponseCache(options: { maxBytes: number; clock?: () => number }): ResponseCacheStore & { readonly bytes: number; readonly size: number } {
  const entries = new Map<string, Entry>();
  const clock = options.clock ?? Date.now;
  let bytes = 0;
  const remove = (key: string, entry: Entry) => {
    entries.delete(key);
    bytes -= entry.bytes;
  };
  return {
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= clock()) {
        remove(key, entry);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, ttlSeconds) {
      const size = (key.length + value.length) * 2;
      const existing = entries.get(key);
      if (existing !== undefined) remove(key, existing);
      // One answer larger than the whole cache is not kept (it would evict everything else).
      if (size > options.maxBytes) return;
      while (bytes + size > options.maxBytes) {
        const oldest = entries.entries().next().value;
        if (oldest === undefined) break;
        remove(oldest[0], oldest[1]);
      }
      entries.set(key, { value, expiresAt: clock() + ttlSeconds * 1000, bytes: size });
      bytes += size;
    },
  };
}
