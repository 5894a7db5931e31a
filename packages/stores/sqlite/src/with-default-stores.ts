import type { StorePlugin } from '@switchyard/core';
import { sqliteStorePlugin } from './sqlite-store-plugin.js';

/**
 * The stores the Express, Koa and server packages pass to core: the host's own, plus SQLite
 * for `sqlite:` URLs (the default database) unless the host brought one for them.
 */
export function withDefaultStores(stores: readonly StorePlugin[] = []): readonly StorePlugin[] {
  const servesSqlite = stores.some((plugin) => plugin.kind === 'data' && plugin.schemes.includes('sqlite'));
  return servesSqlite ? stores : [...stores, sqliteStorePlugin];
}
