import { Redis, type RedisOptions } from 'ioredis';
import { GatewayError, Secret, type ResponseCacheStore } from '@switchyard/core';

export interface RedisResponseCacheOptions {
  /** `redis://[:password@]host:port[/db]` (LiteLLM's `cache_params.url` / `redis_url`). */
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  readonly password?: string;
  readonly username?: string;
  readonly db?: number;
  /** Prefix of every key (a suite or tenant of its own). */
  readonly keyPrefix?: string;
  /** A command slower than this fails, and the request goes uncached (default 250 ms). */
  readonly commandTimeoutMs?: number;
  /** Use this client instead of making one (it is not closed by `close()`). */
  readonly client?: Redis;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 250;

/**
 * The response cache in Redis, shared by every gateway instance: `GET` and `SET … EX`. Made for
 * failing fast: no offline queue, one retry per command, a short command timeout, so a Redis
 * that is down or slow turns requests into misses (answered upstream) instead of stalling them.
 * `ping` feeds readiness, which reports the cache `degraded` meanwhile.
 */
export function redisResponseCache(options: RedisResponseCacheOptions = {}): ResponseCacheStore {
  const owned = options.client === undefined;
  const settings: RedisOptions = {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Reconnect forever, backing off to 2 s: Redis coming back ends the degraded mode by itself.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.db === undefined ? {} : { db: options.db }),
  };
  const client = options.client ?? (options.url === undefined ? new Redis({ host: options.host ?? '127.0.0.1', port: options.port ?? 6379, ...settings }) : new Redis(options.url, settings));
  // Connection errors surface as failed commands (misses) and readiness; without a listener
  // ioredis would print every reconnect attempt as an unhandled 'error' event.
  if (owned) client.on('error', () => undefined);
  return {
    async get(key) {
      const value = await client.get(key);
      return value ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      await client.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    },
    async ping() {
      await client.ping();
    },
    async close() {
      if (owned) client.disconnect();
    },
  };
}

/**
 * The factory the gateway calls for `cache_params.type: redis`, from LiteLLM's keys: `url`
 * (or `redis_url`), `host`, `port`, `password`, `username`, `db`. Values may already be resolved
 * `os.environ/` references (strings): ports and db numbers are read from strings too.
 */
export function redisResponseCacheFromParams(params: Readonly<Record<string, unknown>>): ResponseCacheStore {
  const string = (name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return undefined;
    if (value instanceof Secret) return value.reveal();
    if (typeof value !== 'string' && typeof value !== 'number') throw new GatewayError('invalid_config', `litellm_settings.cache_params.${name} must be a string`);
    return String(value);
  };
  const number = (name: string) => {
    const value = string(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new GatewayError('invalid_config', `litellm_settings.cache_params.${name} must be a whole number`);
    return parsed;
  };
  const url = string('url') ?? string('redis_url');
  const host = string('host');
  const port = number('port');
  const password = string('password');
  const username = string('username');
  const db = number('db');
  return redisResponseCache({
    ...(url === undefined ? {} : { url }),
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(password === undefined ? {} : { password }),
    ...(username === undefined ? {} : { username }),
    ...(db === undefined ? {} : { db }),
  });
}
