import type { Clock } from '../di/tokens.js';
import type { Logger } from '../logging/logger.js';
import type { RedisConnection } from '../router/redis-connection.js';
import type { CounterStore } from './counter-store.js';
import type { InvalidationBus } from './invalidation-bus.js';
import type { KeyStore } from './key-store.js';
import type { SpendStore } from './spend-store.js';

/** Keys, teams, users and spend in one database: what `general_settings.database_url` opens. */
export interface DataStore extends KeyStore, SpendStore {
  /** The URL with any password masked, for logs and /health. */
  readonly description: string;
  /** Resolves when the database answers; rejects with `store_unavailable` when not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DataStoreOpenOptions {
  /** `sqlite://./switchyard.db`, `postgresql://user@host/db`, … */
  readonly url: string;
  /** Relative file paths in the URL are resolved against this (the config file's folder). */
  readonly baseDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * A store implementation, found by the URL's scheme: core names no driver; the Express, Koa
 * and server packages pass the default plugins (as they do providers), a host passes its own
 * through `GatewayOptions.stores`. `open` creates the schema or applies pending migrations.
 */
export interface DataStorePlugin {
  readonly kind: 'data';
  readonly name: string;
  /** URL schemes without the colon: `sqlite`, `postgres`, `postgresql`. */
  readonly schemes: readonly string[];
  open(options: DataStoreOpenOptions): Promise<DataStore>;
}

/** Counters and cache invalidation shared by every instance (Redis). */
export interface SharedCounters {
  readonly counters: CounterStore;
  readonly invalidation: InvalidationBus;
  /** Where they live, safe to log and show (`redis 10.0.0.5:6379`: no password). */
  readonly description?: string;
  /** Resolves when the store answers (readiness); rejects when not. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

export interface CounterStoreOpenOptions {
  /** `redis://…` / `rediss://…`. */
  readonly url: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Prefix of every key the store writes (tests use one per run). */
  readonly keyPrefix?: string;
}

/** The Redis a config names (router_settings.redis_url, or redis_host / redis_port / redis_password). */
export interface CounterStoreConnectOptions {
  readonly connection: RedisConnection;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly keyPrefix?: string;
}

export interface CounterStorePlugin {
  readonly kind: 'counters';
  readonly name: string;
  readonly schemes: readonly string[];
  open(options: CounterStoreOpenOptions): Promise<SharedCounters>;
  /**
   * At once, for a gateway being built from its config: calls made before the connection is up
   * reject with `store_unavailable`, and the limits stage counts in process until it is.
   */
  connect?(options: CounterStoreConnectOptions): SharedCounters;
}

export type StorePlugin = DataStorePlugin | CounterStorePlugin;
