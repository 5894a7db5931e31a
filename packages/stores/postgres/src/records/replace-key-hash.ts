import type pg from 'pg';
import type { KeyPatch, KeyRecord } from '@switchyard/core';
import { withTransaction } from '../with-transaction.js';
import { recordFromSql, recordToSql } from './record-table.js';
import { KEYS } from './tables.js';

/** `/key/regenerate`: the row moves to the new hash in one transaction; the old hash is gone. */
export async function replaceKeyHash(
  pool: pg.Pool,
  schema: string,
  oldHash: string,
  next: { readonly tokenHash: string; readonly keyName: string; readonly patch?: KeyPatch },
): Promise<KeyRecord | undefined> {
  const table = `${schema}.keys`;
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query(`DELETE FROM ${table} WHERE token_hash = $1 RETURNING *`, [oldHash]);
    if (rows[0] === undefined) return undefined;
    const patch = Object.fromEntries(Object.entries(next.patch ?? {}).filter(([, value]) => value !== undefined));
    const moved: KeyRecord = { ...recordFromSql(KEYS, rows[0]), ...patch, tokenHash: next.tokenHash, keyName: next.keyName };
    const columns = KEYS.columns.map((spec) => spec.column);
    const inserted = await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING *`,
      recordToSql(KEYS, moved),
    );
    return recordFromSql(KEYS, inserted.rows[0]);
  });
}
