import type Database from 'better-sqlite3';
import type { AttoUsd } from '@switchyard/core';
import { joined, splitSum } from './spend-summary.js';

/**
 * `spendTotal`: the exact sum of every priced row since `from`, a range read of the
 * `spend_by_time` index. Read once per proxy-budget window, never per request.
 */
export function createSpendTotal(database: Database.Database): (query: { readonly from: number }) => AttoUsd {
  const statement = database.prepare<[number], { spend_high: number | null; spend_low: number | null }>(
    `SELECT ${splitSum('cost')} FROM spend_logs WHERE started_at >= ? AND cost IS NOT NULL`,
  );
  return (query) => joined(statement.get(query.from) ?? { spend_high: 0, spend_low: 0 });
}
