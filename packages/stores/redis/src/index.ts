// Public API of @switchyard/store-redis. Each concern adds its own export line.
export {};
export { redisResponseCache, redisResponseCacheFromParams, type RedisResponseCacheOptions } from './cache/redis-response-cache.js';
