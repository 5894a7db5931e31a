// Public API of @switchyard/store-sqlite.
export { openSqliteStore } from './open-sqlite-store.js';
export { sqliteStorePlugin } from './sqlite-store-plugin.js';
export { sqlitePath } from './sqlite-url.js';
export { MIGRATIONS } from './migrations.js';
export { withDefaultStores } from './with-default-stores.js';
