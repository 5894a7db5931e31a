import type { DataStorePlugin } from '@switchyard/core';
import { openSqliteStore } from './open-sqlite-store.js';

/** `general_settings.database_url: sqlite://./switchyard.db` (the default when keys are used). */
export const sqliteStorePlugin: DataStorePlugin = {
  kind: 'data',
  name: 'sqlite',
  schemes: ['sqlite'],
  open: (options) => Promise.resolve().then(() => openSqliteStore(options)),
};
