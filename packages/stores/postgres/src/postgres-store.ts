import type pg from 'pg';
import { silentLogger, type Logger } from '@switchyard/core';
import { createPostgresPool } from './create-postgres-pool.js';
import { ALL_MIGRATIONS } from './migrations/all-migrations.js';
import { runMigrations, type MigrationReport } from './migrations/run-migrations.js';
import { resolvePostgresOptions, type PostgresStoreOptions, type ResolvedPostgresOptions } from './postgres-store-options.js';
import { quoteIdentifier } from './quote-identifier.js';
import { insertSpendBatch, type SpendBatchResult } from './spend/insert-spend-batch.js';
import { querySpendLogs, type SpendLogPage, type SpendLogQuery } from './spend/query-spend-logs.js';
import type { SpendLogRow } from './spend/spend-log-row.js';

/**
 * Switchyard's tables in one Postgres schema, over one bounded pool. `openPostgresStore()`
 * validates the options, opens the pool and migrates; `close()` ends the pool.
 */
export class PostgresStore {
  readonly options: ResolvedPostgresOptions;
  readonly pool: pg.Pool;
  readonly migrations: MigrationReport;
  /** The schema name, quoted for SQL. */
  readonly schema: string;

  constructor(options: ResolvedPostgresOptions, pool: pg.Pool, migrations: MigrationReport) {
    this.options = options;
    this.pool = pool;
    this.migrations = migrations;
    this.schema = quoteIdentifier(options.schema);
  }

  /** Writes spend rows exactly once each (a replayed request id changes nothing). */
  writeSpend(rows: readonly SpendLogRow[]): Promise<SpendBatchResult> {
    return insertSpendBatch(this.pool, this.schema, rows);
  }

  querySpendLogs(query: SpendLogQuery): Promise<SpendLogPage> {
    return querySpendLogs(this.pool, this.schema, query);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function openPostgresStore(options: PostgresStoreOptions, logger: Logger = silentLogger): Promise<PostgresStore> {
  const resolved = resolvePostgresOptions(options);
  const pool = createPostgresPool(resolved, logger);
  try {
    const report = await runMigrations({ pool, schema: resolved.schema, migrations: ALL_MIGRATIONS, logger });
    return new PostgresStore(resolved, pool, report);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
