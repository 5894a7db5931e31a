import type pg from 'pg';
import type { BudgetOwner, DueBudget } from '@switchyard/core';
import { timeToSql } from '../sql-values.js';

const OWNER_TABLES: Readonly<Record<BudgetOwner, readonly [table: string, id: string]>> = {
  key: ['keys', 'token_hash'],
  team: ['teams', 'team_id'],
  user: ['users', 'user_id'],
};

/** Budgets whose window ended, oldest first, from the partial indexes on budget_reset_at. */
export async function dueBudgets(pool: pg.Pool, schema: string, now: number, limit: number): Promise<readonly DueBudget[]> {
  const parts = Object.entries(OWNER_TABLES).map(([owner, [table, id]]) => `(SELECT '${owner}' AS owner, ${id} AS id, budget_duration, budget_reset_at
    FROM ${schema}.${table} WHERE budget_reset_at IS NOT NULL AND budget_reset_at <= $1 AND budget_duration IS NOT NULL
    ORDER BY budget_reset_at LIMIT $2)`);
  const { rows } = await pool.query<{ owner: BudgetOwner; id: string; budget_duration: string; budget_reset_at: Date }>(
    `${parts.join(' UNION ALL ')} ORDER BY budget_reset_at, owner, id LIMIT $2`,
    [timeToSql(now), limit],
  );
  return rows.map((row) => ({ owner: row.owner, id: row.id, budgetDuration: row.budget_duration, budgetResetAt: row.budget_reset_at.getTime() }));
}

/** Compare-and-set on budget_reset_at, so two instances resetting the same window reset it once. */
export async function resetBudget(pool: pg.Pool, schema: string, due: DueBudget, nextResetAt: number): Promise<boolean> {
  const [table, id] = OWNER_TABLES[due.owner];
  const result = await pool.query(
    `UPDATE ${schema}.${table} SET spend = 0, budget_reset_at = $3 WHERE ${id} = $1 AND budget_reset_at = $2`,
    [due.id, timeToSql(due.budgetResetAt), timeToSql(nextResetAt)],
  );
  return result.rowCount === 1;
}
