import { silentLogger } from '@switchyard/core';
import { describe } from 'vitest';
import { postgresStorePlugin } from '@switchyard/store-postgres';
import { dropSchema, uniqueSchemaName } from './support/postgres-schema.js';
import { postgresUrl, requireService } from './support/services.js';
import { describeStoreContract } from './support/store-contract.js';

const postgres = await requireService('postgres', 'Postgres store contract');

describe.skipIf(!postgres.available)('Postgres store', () => {
  describeStoreContract('postgres', async () => {
    const schema = uniqueSchemaName('store_contract');
    const url = new URL(postgresUrl);
    url.searchParams.set('schema', schema);
    url.searchParams.set('connection_limit', '4');
    const store = await postgresStorePlugin.open({ url: url.toString(), baseDir: process.cwd(), clock: Date.now, logger: silentLogger });
    return { store, cleanup: () => dropSchema(schema) };
  });
});
