import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { GatewayError, type Logger } from '@switchyard/core';
import { checkoutClient } from '../checkout-client.js';
import { quoteIdentifier } from '../quote-identifier.js';
import type { Migration } from './migration.js';

export interface RunMigrationsOptions {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly migrations: readonly Migration[];
  readonly logger: Logger;
  /** How long to wait for another instance that is migrating the same schema. Default 60 s. */
  readonly lockWaitMs?: number;
}

export interface MigrationReport {
  /** Versions this call applied (empty when the schema was already current). */
  readonly applied: readonly number[];
  /** The highest version now in the database (may be above ours after a newer release ran). */
  readonly version: number;
}

/** SHA-256 of a migration's SQL with the schema left out, so it is the same in every schema. */
export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements('<schema>').join(';\n')).digest('hex');
}

/**
 * Brings the schema to the latest version. Several instances may start at once: each takes the
 * same session-level advisory lock (keyed by the schema name) before it looks, so one migrates
 * and the others wait, then find nothing to do. The lock goes with the connection, so an
 * instance that dies mid-migration frees it; each migration is its own transaction.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<MigrationReport> {
  const schema = quoteIdentifier(options.schema);
  const { client, release } = await checkoutClient(options.pool);
  let locked = false;
  try {
    const lockKey = `switchyard.migrations:${options.schema}`;
    await waitForLock(client, lockKey, options.lockWaitMs ?? 60_000);
    locked = true;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.switchyard_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; checksum: string }>(`SELECT version, checksum FROM ${schema}.switchyard_migrations`);
    const recorded = new Map(rows.map((row) => [row.version, row.checksum]));
    const applied: number[] = [];
    for (const migration of options.migrations) {
      const checksum = migrationChecksum(migration);
      const existing = recorded.get(migration.version);
      if (existing !== undefined) {
        if (existing !== checksum) {
          throw new GatewayError('invalid_config', `Postgres store: migration ${migration.version} (${migration.name}) in schema ${options.schema} differs from the one this release ships; a shipped migration was edited`);
        }
        continue;
      }
      await applyMigration(client, schema, migration, checksum);
      applied.push(migration.version);
      options.logger.info({ schema: options.schema, version: migration.version, migration: migration.name }, 'postgres: migration applied');
    }
    const known = Math.max(0, ...options.migrations.map((migration) => migration.version));
    const version = Math.max(known, ...recorded.keys());
    if (version > known) {
      options.logger.warn({ schema: options.schema, database: version, release: known }, 'postgres: the schema is newer than this release (a newer instance migrated it); continuing');
    }
    return { applied, version };
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`switchyard.migrations:${options.schema}`]).catch(() => undefined);
    release();
  }
}

async function applyMigration(client: pg.PoolClient, schema: string, migration: Migration, checksum: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // A migration may build an index on a big table: no statement timeout inside it.
    await client.query('SET LOCAL statement_timeout = 0');
    for (const statement of migration.statements(schema)) await client.query(statement);
    await client.query(`INSERT INTO ${schema}.switchyard_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [migration.version, migration.name, checksum]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Polls `pg_try_advisory_lock`, so the wait is bounded and no statement blocks past its timeout. */
async function waitForLock(client: pg.PoolClient, key: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
    if (rows[0]?.locked === true) return;
    if (Date.now() >= deadline) {
      throw new GatewayError('invalid_config', `Postgres store: another instance held the migration lock for ${key} longer than ${waitMs} ms`);
    }
    await sleep(50);
  }
}
