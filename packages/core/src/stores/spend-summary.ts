import type { AttoUsd } from './budget-fields.js';
import type { SpendRollupRow } from './spend-rollups.js';

/**
 * What the admin UI's usage page draws, aggregated where the data is: one line per model, key
 * or team over a range of UTC days, and per-day figures for the largest few only. A report of
 * every key × model × day (`spendReport`) is 30,000 rows for 500 keys over 30 days; this is a
 * few hundred.
 */
export interface SpendSummaryQuery {
  readonly groupBy: 'model' | 'key' | 'team';
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  readonly fromDay: string;
  readonly toDay: string;
  /** How many of the largest groups get a per-day series. */
  readonly top: number;
  /** Most groups listed (largest first); `moreGroups` counts the rest. */
  readonly limit: number;
}

export interface SpendSummaryGroup {
  /** The model, key hash or team id. */
  readonly id: string;
  /** A key's alias or a team's alias, where known. */
  readonly label: string | null;
  readonly requests: number;
  readonly failures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly spend: AttoUsd;
}

export interface SpendSummaryPoint {
  readonly day: string;
  readonly id: string;
  readonly requests: number;
  readonly spend: AttoUsd;
}

export interface SpendSummary {
  /** Largest spend first, then most requests, then id. */
  readonly groups: readonly SpendSummaryGroup[];
  readonly moreGroups: number;
  readonly totals: Omit<SpendSummaryGroup, 'id' | 'label'>;
  /** Per day for the `top` largest groups, by day then id. */
  readonly series: readonly SpendSummaryPoint[];
}

/** Largest spend first, then most requests, then id: the one order every store returns. */
export function compareGroups(left: SpendSummaryGroup, right: SpendSummaryGroup): number {
  if (left.spend !== right.spend) return left.spend > right.spend ? -1 : 1;
  if (left.requests !== right.requests) return right.requests - left.requests;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

/**
 * The summary worked out from report rows, for a store that has no `spendSummary` of its own
 * (correct, but it reads every row of the range). `groupBy: 'model'` reads the key rollups.
 */
export function summarizeRollups(rows: readonly SpendRollupRow[], query: SpendSummaryQuery): SpendSummary {
  const idOf = (row: SpendRollupRow) => (query.groupBy === 'model' ? row.model : row.id);
  const groups = new Map<string, { -readonly [K in keyof SpendSummaryGroup]: SpendSummaryGroup[K] }>();
  for (const row of rows) {
    const id = idOf(row);
    let group = groups.get(id);
    if (group === undefined) groups.set(id, (group = { id, label: null, requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, spend: 0n }));
    group.requests += row.requests;
    group.failures += row.failures;
    group.inputTokens += row.inputTokens;
    group.outputTokens += row.outputTokens;
    group.spend += row.spend;
  }
  const sorted = [...groups.values()].sort(compareGroups);
  const top = new Set(sorted.slice(0, query.top).map((group) => group.id));
  const points = new Map<string, { day: string; id: string; requests: number; spend: bigint }>();
  for (const row of rows) {
    const id = idOf(row);
    if (!top.has(id)) continue;
    const at = `${row.day}\u0000${id}`;
    const point = points.get(at) ?? { day: row.day, id, requests: 0, spend: 0n };
    point.requests += row.requests;
    point.spend += row.spend;
    points.set(at, point);
  }
  return {
    groups: sorted.slice(0, query.limit),
    moreGroups: Math.max(0, sorted.length - query.limit),
    totals: totalsOf(sorted),
    series: [...points.values()].sort((left, right) => (left.day === right.day ? (left.id < right.id ? -1 : 1) : left.day < right.day ? -1 : 1)),
  };
}

export function totalsOf(groups: readonly SpendSummaryGroup[]): SpendSummary['totals'] {
  let requests = 0;
  let failures = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let spend = 0n;
  for (const group of groups) {
    requests += group.requests;
    failures += group.failures;
    inputTokens += group.inputTokens;
    outputTokens += group.outputTokens;
    spend += group.spend;
  }
  return { requests, failures, inputTokens, outputTokens, spend };
}
