import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../di/tokens.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { Logger } from '../logging/logger.js';
import { defaultRedactor } from '../redaction/create-redactor.js';
import { maskUrlCredentials } from '../redaction/mask-url-credentials.js';
import type { DataStore, DataStorePlugin, StorePlugin } from '../stores/store-plugin.js';
import { DEFAULT_DATABASE_URL } from './key-settings.js';

/** Failed opens are retried no sooner than this (a database that is down is not hammered). */
const REOPEN_AFTER_MS = 1_000;

export interface DataStoreHandleOptions {
  /** general_settings.database_url, revealed; undefined: the default SQLite file. */
  readonly url: string | undefined;
  readonly baseDir: string;
  readonly plugins: readonly StorePlugin[];
  /** A store given directly (GatewayOptions.dataStore): no plugin, no URL. */
  readonly store?: DataStore | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The gateway's key/spend database, opened once on first need (or at start when it is
 * configured or its file exists) through the plugin for its URL scheme. Core names no driver.
 */
export class DataStoreHandle {
  readonly #options: DataStoreHandleOptions;
  readonly #plugin: DataStorePlugin | undefined;
  readonly url: string;
  #opening: Promise<DataStore> | undefined;
  #store: DataStore | undefined;
  #failedAt = -Infinity;
  #lastError: GatewayError | undefined;

  constructor(options: DataStoreHandleOptions) {
    this.#options = options;
    this.url = options.url ?? DEFAULT_DATABASE_URL;
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(this.url)?.[1]?.toLowerCase();
    this.#plugin = options.plugins.find((plugin): plugin is DataStorePlugin => plugin.kind === 'data' && scheme !== undefined && plugin.schemes.includes(scheme));
    if (options.store === undefined && this.#plugin === undefined && options.url !== undefined) {
      throw new GatewayError(
        'invalid_config',
        `general_settings.database_url: no store serves ${scheme === undefined ? 'this URL' : `"${scheme}:" URLs`} (${masked(this.url)}). Install and pass its package (${scheme?.startsWith('postgres') === true ? '@switchyard/store-postgres' : '@switchyard/store-sqlite'}) in the stores option.`,
      );
    }
    if (options.store !== undefined) this.#store = options.store;
  }

  /** Whether to open at start: a store given, a database_url set, or the default file already there. */
  get openAtStart(): boolean {
    if (this.#options.store !== undefined || this.#options.url !== undefined) return true;
    return this.#plugin !== undefined && existsSync(resolve(this.#options.baseDir, 'switchyard.db'));
  }

  /**
   * Whether the database can hold a key yet: it is open or opening, configured, or the default
   * file exists. A default SQLite file that was never created holds no keys, so looking a key up
   * there need not create it (a wrong key sent to a master-key-only gateway leaves no file behind).
   */
  get mayHoldKeys(): boolean {
    return this.#store !== undefined || this.#opening !== undefined || this.openAtStart;
  }

  /** Without a plugin for the default SQLite URL (core alone), keys cannot be stored. */
  get available(): boolean {
    return this.#options.store !== undefined || this.#plugin !== undefined;
  }

  get opened(): DataStore | undefined {
    return this.#store;
  }

  /** The path a default or relative SQLite URL points at; undefined for other stores. */
  get sqliteFile(): string | undefined {
    const match = /^sqlite:(?:\/\/)?(.+)$/i.exec(this.url);
    const path = match?.[1];
    if (path === undefined || path === ':memory:') return undefined;
    return resolve(this.#options.baseDir, decodeURIComponent(path.split('?')[0]!));
  }

  get(): Promise<DataStore> {
    if (this.#store !== undefined) return Promise.resolve(this.#store);
    if (this.#opening !== undefined) return this.#opening;
    const plugin = this.#plugin;
    if (plugin === undefined) {
      return Promise.reject(new GatewayError('store_unavailable', 'Virtual keys need a store: pass @switchyard/store-sqlite (the Express, Koa and server packages do) or set general_settings.database_url.'));
    }
    if (this.#options.clock() - this.#failedAt < REOPEN_AFTER_MS && this.#lastError !== undefined) return Promise.reject(this.#lastError);
    const { baseDir, clock, logger } = this.#options;
    this.#opening = plugin.open({ url: this.url, baseDir, clock, logger }).then(
      (store) => {
        this.#store = store;
        this.#opening = undefined;
        logger.info({ store: store.description }, 'key and spend store open');
        return store;
      },
      (error: unknown) => {
        this.#opening = undefined;
        this.#failedAt = clock();
        this.#lastError = isGatewayError(error) ? error : new GatewayError('store_unavailable', `The key and spend store (${masked(this.url)}) cannot be opened.`, { cause: error });
        logger.error({ err: (error as Error).message, store: masked(this.url) }, 'key and spend store cannot be opened');
        throw this.#lastError;
      },
    );
    return this.#opening;
  }

  async close(): Promise<void> {
    const store = this.#store ?? (await this.#opening?.catch(() => undefined));
    this.#store = undefined;
    // A store given by the host is the host's to close.
    if (store !== undefined && store !== this.#options.store) await store.close();
  }
}

function masked(url: string): string {
  return maskUrlCredentials(url, defaultRedactor);
}
