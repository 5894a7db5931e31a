import type Database from 'better-sqlite3';
import { compareGroups, summarizeRollups, totalsOf, type SpendSummary, type SpendSummaryGroup, type SpendSummaryPoint, type SpendSummaryQuery } from '@switchyard/core';
import { fromRollupRow, type RollupRow } from './spend-queries.js';

interface GroupRow {
  id: string;
  label: string | null;
  requests: number;
  failures: number;
  input_tokens: number;
  output_tokens: number;
  spend_high: number;
  spend_low: number;
}

interface PointRow {
  day: string;
  id: string;
  requests: number;
  spend_high: number;
  spend_low: number;
}

/**
 * Exact sums of TEXT attoUSD in SQL's own integers: each value split at its last 9 digits, both
 * halves summed as 64-bit integers (the high half overflows only past $9.2 billion, the low half
 * past 9 billion rows), joined again as a BigInt. A JavaScript aggregate per row cost 4× more.
 */
export const splitSum = (column: string) => `SUM(CAST(substr(${column}, 1, length(${column}) - 9) AS INTEGER)) AS spend_high, SUM(CAST(substr(${column}, -9) AS INTEGER)) AS spend_low`;
const SPLIT_SUM = splitSum('spend');
const BILLION = 1_000_000_000n;
export const joined = (row: { spend_high: number | null; spend_low: number | null }) => BigInt(row.spend_high ?? 0) * BILLION + BigInt(row.spend_low ?? 0);

/**
 * `spendSummary` summed in SQL over the daily rollups (a range scan of their primary key, which
 * starts with the day): one row per group, then per day for the largest few. By key it reads
 * `spend_daily_key_total` (every model of a key in one row a day) and by model
 * `spend_daily_model`: the key rollup's rows, summed per key or per model.
 */
export function createSpendSummary(database: Database.Database): (query: SpendSummaryQuery) => SpendSummary {
  const sources = {
    key: { table: 'spend_daily_key_total', column: 'key_hash', label: '(SELECT key_alias FROM keys WHERE keys.token_hash = r.key_hash)' },
    team: { table: 'spend_daily_team', column: 'team_id', label: "(SELECT json_extract(record, '$.teamAlias') FROM teams WHERE teams.team_id = r.team_id)" },
  } as const;
  const statements = Object.fromEntries(
    Object.entries(sources).map(([groupBy, { table, column, label }]) => [
      groupBy,
      {
        groups: database.prepare<[string, string], GroupRow>(
          `SELECT ${column} AS id, ${label} AS label, SUM(requests) AS requests, SUM(failures) AS failures, SUM(input_tokens) AS input_tokens,
             SUM(output_tokens) AS output_tokens, ${SPLIT_SUM}
           FROM ${table} AS r WHERE day >= ? AND day <= ? GROUP BY ${column}`,
        ),
        points: database.prepare<[string, string, string], PointRow>(
          `SELECT day, ${column} AS id, SUM(requests) AS requests, ${SPLIT_SUM}
           FROM ${table} WHERE day >= ? AND day <= ? AND ${column} IN (SELECT value FROM json_each(?)) GROUP BY day, ${column} ORDER BY day, ${column}`,
        ),
      },
    ]),
  ) as Record<'key' | 'team', { groups: Database.Statement<[string, string], GroupRow>; points: Database.Statement<[string, string, string], PointRow> }>;

  // By model, the model × day rollup read as it is (a row per day and model, a few hundred for
  // 90 days), summed into groups and series as the core does for any rollup rows.
  const modelDays = database.prepare<[string, string], RollupRow>(
    `SELECT day, model AS id, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend
     FROM spend_daily_model WHERE day >= ? AND day <= ? ORDER BY day, model`,
  );
  const byModel = (query: SpendSummaryQuery): SpendSummary => summarizeRollups(modelDays.all(query.fromDay, query.toDay).map(fromRollupRow), query);

  return (query) => {
    if (query.groupBy === 'model') return byModel(query);
    const { groups: groupStatement, points: pointStatement } = statements[query.groupBy];
    const groups: SpendSummaryGroup[] = groupStatement.all(query.fromDay, query.toDay).map((row) => ({
      id: row.id,
      label: row.label,
      requests: row.requests,
      failures: row.failures,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      spend: joined(row),
    }));
    groups.sort(compareGroups);
    const top = groups.slice(0, query.top).map((group) => group.id);
    const series: SpendSummaryPoint[] =
      top.length === 0
        ? []
        : pointStatement.all(query.fromDay, query.toDay, JSON.stringify(top)).map((row) => ({ day: row.day, id: row.id, requests: row.requests, spend: joined(row) }));
    return { groups: groups.slice(0, query.limit), moreGroups: Math.max(0, groups.length - query.limit), totals: totalsOf(groups), series };
  };
}
