import type pg from 'pg';
import { GatewayError, type SpendReportQuery, type SpendRollupRow } from '@switchyard/core';
import { moneyFromSql } from '../sql-values.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A row of a daily rollup table as pg returns it (bigint and numeric as strings). */
export interface RollupRow {
  day: string;
  id: string;
  model: string;
  requests: string;
  failures: string;
  input_tokens: string;
  output_tokens: string;
  cached_input_tokens: string;
  reasoning_tokens: string;
  spend: string;
}

/** Daily aggregates from the rollup tables (never the log): a range scan on (day, owner, model). */
export async function spendReport(pool: pg.Pool, schema: string, query: SpendReportQuery): Promise<readonly SpendRollupRow[]> {
  for (const [param, value] of [['start_date', query.fromDay], ['end_date', query.toDay]] as const) {
    if (!DAY.test(value)) throw new GatewayError('invalid_value', `${param} must be a day, YYYY-MM-DD`, { param });
  }
  const [table, owner] = query.groupBy === 'team' ? ['spend_daily_team', 'team_id'] : ['spend_daily_key', 'key_hash'];
  const values: unknown[] = [query.fromDay, query.toDay];
  let filters = '';
  if (query.id !== undefined) {
    values.push(query.id);
    filters += ` AND ${owner} = $${values.length}`;
  }
  if (query.model !== undefined) {
    values.push(query.model);
    filters += ` AND model = $${values.length}`;
  }
  const { rows } = await pool.query<RollupRow>(
    `SELECT day::text AS day, ${owner} AS id, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend::text AS spend
     FROM ${schema}.${table} WHERE day BETWEEN $1::date AND $2::date${filters} ORDER BY day, ${owner}, model`,
    values,
  );
  return rows.map(fromRollupRow);
}

export function fromRollupRow(row: RollupRow): SpendRollupRow {
  return {
    day: row.day,
    id: row.id,
    model: row.model,
    requests: Number(row.requests),
    failures: Number(row.failures),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    spend: moneyFromSql(row.spend) ?? 0n,
  };
}
