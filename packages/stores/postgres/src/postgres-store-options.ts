import { GatewayError } from '@switchyard/core';

/** What `createPostgresStore()` accepts; every field but `connectionString` has a default. */
export interface PostgresStoreOptions {
  /** `postgresql://user:password@host:5432/db` (`general_settings.database_url`). */
  readonly connectionString: string;
  /** The schema that holds Switchyard's tables; created when missing. Default `switchyard`. */
  readonly schema?: string;
  /**
   * Connections this instance may open at most (`pg.Pool` `max`). Default 10. The request path
   * never waits on the pool (keys come from a cache, spend goes through an outbox), so a small
   * pool serves a busy instance; size the server as instances × poolSize + headroom.
   */
  readonly poolSize?: number;
  /** How long a query may wait for a free connection, and a new connection to open. Default 5 000 ms. */
  readonly connectionTimeoutMs?: number;
  /** Server-side `statement_timeout` for every query on the pool. Default 15 000 ms. */
  readonly statementTimeoutMs?: number;
  /** An idle connection is closed after this long. Default 30 000 ms. */
  readonly idleTimeoutMs?: number;
  /** `application_name` shown in `pg_stat_activity`. Default `switchyard`. */
  readonly applicationName?: string;
}

export interface ResolvedPostgresOptions {
  readonly connectionString: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly connectionTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly applicationName: string;
}

export const DEFAULT_POOL_SIZE = 10;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validates the options when the store is built, so a bad value fails at start, never on a request. */
export function resolvePostgresOptions(options: PostgresStoreOptions): ResolvedPostgresOptions {
  const url = options.connectionString;
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) {
    throw invalid('connectionString must be a postgresql:// URL');
  }
  try {
    new URL(url);
  } catch {
    throw invalid('connectionString is not a valid URL');
  }
  const schema = options.schema ?? 'switchyard';
  if (!SCHEMA_NAME.test(schema)) throw invalid(`schema must match ${SCHEMA_NAME.source} (lower-case letters, digits, _)`);
  if (schema.startsWith('pg_')) throw invalid('schema names starting with pg_ are reserved by Postgres');
  return {
    connectionString: url,
    schema,
    poolSize: positiveInteger('poolSize', options.poolSize, DEFAULT_POOL_SIZE, 1_000),
    connectionTimeoutMs: positiveInteger('connectionTimeoutMs', options.connectionTimeoutMs, 5_000, 600_000),
    statementTimeoutMs: positiveInteger('statementTimeoutMs', options.statementTimeoutMs, 15_000, 3_600_000),
    idleTimeoutMs: positiveInteger('idleTimeoutMs', options.idleTimeoutMs, 30_000, 3_600_000),
    applicationName: options.applicationName ?? 'switchyard',
  };
}

function positiveInteger(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalid(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  return value;
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_config', `Postgres store: ${message}`);
}
