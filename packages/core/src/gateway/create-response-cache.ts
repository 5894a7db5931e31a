import type { CacheSettings } from '../config/operations-settings.js';
import { memoryResponseCache } from '../cache/memory-response-cache.js';
import type { ResponseCacheFactory, ResponseCacheStore } from '../cache/response-cache-store.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Readiness } from '../health/readiness.js';

/**
 * The response cache's store: the host's, else the one `cache_params.type` names (the in-process
 * LRU, or Redis through the factory a store package gives). Redis without a factory is a config
 * error at start, not a silent miss on every request. A store with `ping` joins readiness as
 * `cache`, reported `degraded` when it does not answer (requests then go uncached).
 */
export function createResponseCache(options: {
  settings: CacheSettings | undefined;
  store: ResponseCacheStore | undefined;
  factories: { readonly redis?: ResponseCacheFactory } | undefined;
  readiness: Readiness;
}): ResponseCacheStore | undefined {
  const { settings } = options;
  if (settings === undefined) return undefined;
  let store = options.store;
  if (store === undefined && settings.type === 'local') store = memoryResponseCache({ maxBytes: settings.maxBytes });
  if (store === undefined) {
    const factory = options.factories?.redis;
    if (factory === undefined) {
      throw new GatewayError(
        'invalid_config',
        'litellm_settings.cache_params.type is redis, but no Redis cache store was given: pass cacheStores: { redis: redisResponseCache } from @switchyard/store-redis (the standalone server does this itself)',
      );
    }
    store = factory(settings.params);
  }
  const ping = store.ping?.bind(store);
  if (ping !== undefined) {
    options.readiness.register('cache', async () => {
      try {
        await ping();
        return { status: 'ok' };
      } catch (error) {
        return { status: 'degraded', detail: `the response cache's store does not answer (${error instanceof Error ? error.message : String(error)}); requests are served uncached` };
      }
    });
  }
  return store;
}
