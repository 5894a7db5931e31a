import type Database from 'better-sqlite3';
import { compareGroups, totalsOf, type SpendSummary, type SpendSummaryGroup, type SpendSummaryPoint, type SpendSummaryQuery } from '@switchyard/core';

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
 * starts with the day): one row per group, then per day for the largest few.
 */
export function createSpendSummary(database: Database.Database): (query: SpendSummaryQuery) => SpendSummary {
  const sources = {
    key: { table: 'spend_daily_key', column: 'key_hash', label: '(SELECT key_alias FROM keys WHERE keys.token_hash = r.key_hash)' },
    team: { table: 'spend_daily_team', column: 'team_id', label: 'NULL' },
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

  // Models are few: one scan summing per day and model gives both the groups and their series
  // (the day-first primary key serves no GROUP BY model, so a second scan would sort again).
  const modelDays = database.prepare<[string, string], PointRow & GroupRow>(
    `SELECT day, model AS id, NULL AS label, SUM(requests) AS requests, SUM(failures) AS failures, SUM(input_tokens) AS input_tokens,
       SUM(output_tokens) AS output_tokens, ${SPLIT_SUM}
     FROM spend_daily_key WHERE day >= ? AND day <= ? GROUP BY day, model ORDER BY day, model`,
  );
  const byModel = (query: SpendSummaryQuery): SpendSummary => {
    const rows = modelDays.all(query.fromDay, query.toDay);
    const groups = new Map<string, { -readonly [K in keyof SpendSummaryGroup]: SpendSummaryGroup[K] }>();
    for (const row of rows) {
      let group = groups.get(row.id);
      if (group === undefined) groups.set(row.id, (group = { id: row.id, label: null, requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, spend: 0n }));
      group.requests += row.requests;
      group.failures += row.failures;
      group.inputTokens += row.input_tokens;
      group.outputTokens += row.output_tokens;
      group.spend += joined(row);
    }
    const sorted = [...groups.values()].sort(compareGroups);
    const top = new Set(sorted.slice(0, query.top).map((group) => group.id));
    const series = rows.filter((row) => top.has(row.id)).map((row) => ({ day: row.day, id: row.id, requests: row.requests, spend: joined(row) }));
    return { groups: sorted.slice(0, query.limit), moreGroups: Math.max(0, sorted.length - query.limit), totals: totalsOf(sorted), series };
  };

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
