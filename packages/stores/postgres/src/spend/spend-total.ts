import type pg from 'pg';
import type { AttoUsd } from '@switchyard/core';
import { moneyFromSql, timeToSql } from '../sql-values.js';

/**
 * `spendTotal`: the exact sum (numeric) of every priced row since `from`, a range read of the
 * `spend_logs (start_time, …)` index. Read once per proxy-budget window, never per request.
 */
export async function spendTotal(pool: pg.Pool, schema: string, query: { readonly from: number }): Promise<AttoUsd> {
  const { rows } = await pool.query<{ total: string | null }>(
    `SELECT SUM(cost)::text AS total FROM ${schema}.spend_logs WHERE start_time >= $1::timestamptz`,
    [timeToSql(query.from)],
  );
  return moneyFromSql(rows[0]?.total ?? null) ?? 0n;
}
