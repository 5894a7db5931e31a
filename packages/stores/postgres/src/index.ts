// Public API of @switchyard/store-postgres. Each concern adds its own export line.
export { openPostgresStore, PostgresStore } from './postgres-store.js';
export { resolvePostgresOptions, DEFAULT_POOL_SIZE, type PostgresStoreOptions, type ResolvedPostgresOptions } from './postgres-store-options.js';
export { runMigrations, migrationChecksum, type MigrationReport, type RunMigrationsOptions } from './migrations/run-migrations.js';
export { ALL_MIGRATIONS } from './migrations/all-migrations.js';
export type { Migration } from './migrations/migration.js';
export { insertSpendBatch, MAX_SPEND_BATCH, type SpendBatchResult } from './spend/insert-spend-batch.js';
export { querySpendLogs, MAX_SPEND_PAGE, type SpendLogQuery, type SpendLogPage } from './spend/query-spend-logs.js';
export type { SpendLogRow } from './spend/spend-log-row.js';
export { redactDatabaseUrl } from './redact-database-url.js';
