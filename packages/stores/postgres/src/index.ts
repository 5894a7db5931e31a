// Public API of @switchyard/store-postgres. Each concern adds its own export line.
export { openPostgresStore } from './postgres-store.js';
export { PostgresDataStore } from './postgres-data-store.js';
export { postgresStorePlugin, createPostgresStorePlugin, postgresOptionsFromUrl } from './postgres-store-plugin.js';
export { resolvePostgresOptions, DEFAULT_POOL_SIZE, type PostgresStoreOptions, type ResolvedPostgresOptions } from './postgres-store-options.js';
export { runMigrations, migrationChecksum, type MigrationReport, type RunMigrationsOptions } from './migrations/run-migrations.js';
export { ALL_MIGRATIONS } from './migrations/all-migrations.js';
export type { Migration } from './migrations/migration.js';
export { MAX_SPEND_STATEMENT_ROWS } from './spend/insert-spend-batch.js';
export { MAX_SPEND_PAGE } from './spend/query-spend-logs.js';
export { redactDatabaseUrl } from './redact-database-url.js';
