import { GatewayError, type DataStore, type DataStoreOpenOptions, type DataStorePlugin } from '@switchyard/core';
import type { PostgresStoreOptions } from './postgres-store-options.js';
import { openPostgresStore } from './postgres-store.js';

/**
 * Query parameters of `database_url` the store reads itself (Prisma's names, as in LiteLLM's
 * DATABASE_URL) and removes before the URL reaches `pg`:
 * `?schema=switchyard&connection_limit=10&pool_timeout=5&statement_timeout=15000`.
 */
export function postgresOptionsFromUrl(url: string): PostgresStoreOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GatewayError('invalid_config', 'database_url is not a valid postgresql:// URL');
  }
  const take = (name: string): string | undefined => {
    const value = parsed.searchParams.get(name) ?? undefined;
    parsed.searchParams.delete(name);
    return value;
  };
  const integer = (name: string, value: string | undefined, scale = 1): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number)) throw new GatewayError('invalid_config', `database_url: ${name} must be an integer, got ${JSON.stringify(value)}`);
    return number * scale;
  };
  const schema = take('schema');
  const poolSize = integer('connection_limit', take('connection_limit'));
  const connectionTimeoutMs = integer('pool_timeout', take('pool_timeout'), 1_000);
  const statementTimeoutMs = integer('statement_timeout', take('statement_timeout'));
  return {
    connectionString: parsed.toString(),
    ...(schema === undefined ? {} : { schema }),
    ...(poolSize === undefined ? {} : { poolSize }),
    ...(connectionTimeoutMs === undefined ? {} : { connectionTimeoutMs }),
    ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
  };
}

/**
 * `general_settings.database_url: postgresql://…` (or `postgres://…`), with `defaults` for
 * what the URL does not say (a host that wants another pool size or schema without editing it).
 */
export function createPostgresStorePlugin(defaults: Omit<PostgresStoreOptions, 'connectionString'> = {}): DataStorePlugin {
  return {
    kind: 'data',
    name: 'postgres',
    schemes: ['postgres', 'postgresql'],
    open(options: DataStoreOpenOptions): Promise<DataStore> {
      return openPostgresStore({ ...defaults, ...postgresOptionsFromUrl(options.url) }, options.logger);
    },
  };
}

/** The plugin with the documented defaults (pool 10, schema `switchyard`). */
export const postgresStorePlugin: DataStorePlugin = createPostgresStorePlugin();
