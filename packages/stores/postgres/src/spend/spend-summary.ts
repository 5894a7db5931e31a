import type pg from 'pg';
import { compareGroups, summarizeRollups, totalsOf, type SpendSummary, type SpendSummaryGroup, type SpendSummaryPoint, type SpendSummaryQuery } from '@switchyard/core';
import { moneyFromSql } from '../sql-values.js';
import { fromRollupRow, type RollupRow } from './spend-report.js';

interface GroupRow {
  id: string;
  label: string | null;
  requests: string;
  failures: string;
  input_tokens: string;
  output_tokens: string;
  spend: string;
}

interface PointRow {
  day: string;
  id: string;
  requests: string;
  spend: string;
}

const SUMS = `sum(requests)::text AS requests, sum(failures)::text AS failures, sum(input_tokens)::text AS input_tokens,
  sum(output_tokens)::text AS output_tokens, sum(spend)::text AS spend`;

const SOURCES = {
  key: { table: 'spend_daily_key_total', column: 'key_hash', label: (s: string) => `(SELECT key_alias FROM ${s}.keys WHERE keys.token_hash = r.id)` },
  team: { table: 'spend_daily_team', column: 'team_id', label: (s: string) => `(SELECT team_alias FROM ${s}.teams WHERE teams.team_id = r.id)` },
} as const;

const toGroup = (row: GroupRow): SpendSummaryGroup => ({
  id: row.id,
  label: row.label,
  requests: Number(row.requests),
  failures: Number(row.failures),
  inputTokens: Number(row.input_tokens),
  outputTokens: Number(row.output_tokens),
  spend: moneyFromSql(row.spend) ?? 0n,
});

const toPoint = (row: PointRow): SpendSummaryPoint => ({ day: row.day, id: row.id, requests: Number(row.requests), spend: moneyFromSql(row.spend) ?? 0n });

/**
 * `spendSummary` summed in Postgres over the daily rollups (range scans of their day-first
 * indexes): one row per key (from the key × day totals) or team, then per day for the largest
 * few; by model, the model × day rollup read as it is. Sums are numeric, so exact to the attoUSD. `schema` is quoted.
 */
export async function spendSummary(pool: pg.Pool, schema: string, query: SpendSummaryQuery): Promise<SpendSummary> {
  if (query.groupBy === 'model') return byModel(pool, schema, query);
  const { table, column, label } = SOURCES[query.groupBy];
  const { rows } = await pool.query<GroupRow>(
    `SELECT r.id, ${label(schema)} AS label, r.requests, r.failures, r.input_tokens, r.output_tokens, r.spend
     FROM (SELECT ${column} AS id, ${SUMS} FROM ${schema}.${table} WHERE day BETWEEN $1::date AND $2::date GROUP BY ${column}) AS r`,
    [query.fromDay, query.toDay],
  );
  const groups = rows.map(toGroup).sort(compareGroups);
  const top = groups.slice(0, query.top).map((group) => group.id);
  let series: SpendSummaryPoint[] = [];
  if (top.length > 0) {
    const points = await pool.query<PointRow>(
      `SELECT day::text AS day, ${column} AS id, sum(requests)::text AS requests, sum(spend)::text AS spend
       FROM ${schema}.${table} WHERE day BETWEEN $1::date AND $2::date AND ${column} = ANY($3::text[])
       GROUP BY day, ${column} ORDER BY day, ${column}`,
      [query.fromDay, query.toDay, top],
    );
    series = points.rows.map(toPoint);
  }
  return { groups: groups.slice(0, query.limit), moreGroups: Math.max(0, groups.length - query.limit), totals: totalsOf(groups), series };
}

/** The model × day rows, one per day and model, summed into groups and series as the core does for any rollup rows. */
async function byModel(pool: pg.Pool, schema: string, query: SpendSummaryQuery): Promise<SpendSummary> {
  const { rows } = await pool.query<RollupRow>(
    `SELECT day::text AS day, model AS id, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend::text AS spend
     FROM ${schema}.spend_daily_model WHERE day BETWEEN $1::date AND $2::date ORDER BY day, model`,
    [query.fromDay, query.toDay],
  );
  return summarizeRollups(rows.map(fromRollupRow), query);
}
