/**
 * Where cached responses live: the in-process LRU (`memoryResponseCache`) or Redis
 * (`@switchyard/store-redis`'s `redisResponseCache`), or any host store. Values are opaque
 * strings; a store that fails (throws or rejects) makes the request a miss, never a failure.
 */
export interface ResponseCacheStore {
  /** The value stored under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlSeconds`. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Resolves when the store answers (readiness); absent for in-process stores. */
  ping?(): Promise<void>;
  close?(): Promise<void>;
}

/** What a config with `cache_params.type: redis` needs from a store package. */
export type ResponseCacheFactory = (params: Readonly<Record<string, unknown>>) => ResponseCacheStore;
