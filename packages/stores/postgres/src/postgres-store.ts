import { silentLogger, type Logger } from '@switchyard/core';
import { mapDatabaseError } from './map-database-error.js';
import { createPostgresPool } from './create-postgres-pool.js';
import { ALL_MIGRATIONS } from './migrations/all-migrations.js';
import { runMigrations } from './migrations/run-migrations.js';
import { PostgresDataStore } from './postgres-data-store.js';
import { resolvePostgresOptions, type PostgresStoreOptions } from './postgres-store-options.js';

/** Validates the options, opens the bounded pool and brings the schema to the latest version. */
export async function openPostgresStore(options: PostgresStoreOptions, logger: Logger = silentLogger): Promise<PostgresDataStore> {
  const resolved = resolvePostgresOptions(options);
  const pool = createPostgresPool(resolved, logger);
  try {
    const report = await runMigrations({ pool, schema: resolved.schema, migrations: ALL_MIGRATIONS, logger });
    return new PostgresDataStore(resolved, pool, report);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw mapDatabaseError(error, `open the Postgres store (schema ${resolved.schema})`);
  }
}
