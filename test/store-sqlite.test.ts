import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { describeStoreContract } from './support/store-contract.js';

describeStoreContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-sqlite-contract-'));
  const store = openSqliteStore({ url: 'sqlite://./contract.db', baseDir: dir });
  return Promise.resolve({ store, cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
});
