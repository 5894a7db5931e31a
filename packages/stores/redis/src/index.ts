// Public API of @switchyard/store-redis. Each concern adds its own export line.
export { configureRedisRouterState, redisRouterState } from './router/redis-router-state.js';
export type { RedisRouterStateOptions } from './router/redis-router-state-settings.js';
export { connectCounters, connectRedisCounters, openRedisCounters, redisCounters, withRedisCounters } from './counters/redis-counters.js';
export { RedisCounterStore } from './counters/redis-counter-store.js';
export { redisResponseCache, redisResponseCacheFromParams, type RedisResponseCacheOptions } from './cache/redis-response-cache.js';
