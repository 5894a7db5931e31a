import { createRequire } from 'node:module';
import type { RedisConnection } from '@switchyard/core';
import type { Redis, RedisOptions } from 'ioredis';

// ioredis takes ~150 ms to import: loaded on the first connection, so the Express, Koa and
// standalone packages (which depend on this one) start as fast as before for a config without Redis.
const require = createRequire(import.meta.url);
let RedisClass: typeof Redis | undefined;
function redisClass(): typeof Redis {
  RedisClass ??= (require('ioredis') as typeof import('ioredis')).Redis;
  return RedisClass;
}

export interface RedisClientOptions {
  /** A command not answered within this many ms fails (the caller then goes on locally); 0: no timeout (a subscriber). */
  readonly commandTimeoutMs: number;
  /** Names the connection in `CLIENT LIST`. */
  readonly connectionName: string;
  /**
   * Queue commands while disconnected (default false: fail at once). Only for the subscriber,
   * whose SUBSCRIBE must wait for the first connection (ioredis subscribes again after a reconnect).
   */
  readonly offlineQueue?: boolean;
}

/**
 * An ioredis client for shared state that never makes a request wait on a dead Redis: no
 * offline queue (a command while disconnected fails at once), one attempt per command, a
 * command timeout, and reconnects in the background every 0.1–2 s for as long as it takes.
 */
export function createRedisClient(connection: RedisConnection, options: RedisClientOptions): Redis {
  const shared: RedisOptions = {
    enableOfflineQueue: options.offlineQueue === true,
    maxRetriesPerRequest: 0,
    // ioredis times out at once with commandTimeout: 0, so "none" is left unset.
    ...(options.commandTimeoutMs > 0 ? { commandTimeout: options.commandTimeoutMs } : {}),
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    connectionName: options.connectionName,
    // The password never reaches a log line: ioredis keeps it in its options only.
    password: connection.password?.reveal(),
  };
  const Client = redisClass();
  if (connection.url !== undefined) return new Client(connection.url.reveal(), shared);
  return new Client({ ...shared, host: connection.host, port: connection.port });
}

/** QUIT, waiting at most `waitMs` for Redis to answer (a hung server never does), then drop the socket. */
export async function closeRedisClient(client: Redis, waitMs = 250): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  client.disconnect();
}
