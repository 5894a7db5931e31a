import pg from 'pg';
import type { Logger } from '@switchyard/core';
import type { ResolvedPostgresOptions } from './postgres-store-options.js';
import { redactDatabaseUrl } from './redact-database-url.js';

/**
 * One bounded `pg.Pool` per store. `max` caps the connections this instance opens, whatever the
 * load: a query beyond it waits for a free connection up to `connectionTimeoutMs`, then fails
 * (the outbox keeps its rows and retries), so a database hiccup never turns into a connection
 * storm. Idle connections that die (a restarted server, a cut network) are logged and replaced.
 */
export function createPostgresPool(options: ResolvedPostgresOptions, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // The client gives up a little after the server would, so a query lost with its connection still ends.
    query_timeout: options.statementTimeoutMs + 1_000,
    application_name: options.applicationName,
    keepAlive: true,
    // Numbers stay exact: pg returns NUMERIC and BIGINT as strings unless told otherwise; that is kept.
  });
  const where = redactDatabaseUrl(options.connectionString);
  // Without a listener, an idle client's error (server restart, network cut) crashes the process.
  pool.on('error', (error: Error & { code?: string }) => {
    logger.warn({ database: where, code: error.code ?? null, reason: error.message }, 'postgres: an idle connection failed; the pool replaces it');
  });
  return pool;
}
