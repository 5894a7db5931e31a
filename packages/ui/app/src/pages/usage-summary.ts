import type { UsageRow } from './spend-api.ts';

export type UsageDimension = 'model' | 'key' | 'team';

export interface UsageGroup {
  readonly name: string;
  readonly requests: number;
  readonly failures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly spend: number;
  /** Spend and requests per day, aligned with the summary's `days`. */
  readonly spendByDay: number[];
  readonly requestsByDay: number[];
}

export interface UsageSummary {
  readonly days: readonly string[];
  readonly groups: readonly UsageGroup[];
  readonly totals: Omit<UsageGroup, 'name' | 'spendByDay' | 'requestsByDay'>;
}

/** Every UTC day from `from` to `to`, inclusive (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= end && days.length < 1000; day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/**
 * Rollup rows → one line per model, key or team (by spend, largest first), with per-day series.
 * `label` names a key or team for people (a key's alias); by default its id.
 */
export function summarize(rows: readonly UsageRow[], options: { dimension: UsageDimension; from: string; to: string; label?: (id: string) => string }): UsageSummary {
  const { dimension, from, to } = options;
  const label = options.label ?? ((id: string) => id);
  const days = daysBetween(from, to);
  const index = new Map(days.map((day, position) => [day, position]));
  const groups = new Map<string, UsageGroup>();
  for (const row of rows) {
    const name = dimension === 'model' ? row.model : label(row.id);
    let group = groups.get(name);
    if (group === undefined) {
      group = { name, requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, spend: 0, spendByDay: days.map(() => 0), requestsByDay: days.map(() => 0) };
      groups.set(name, group);
    }
    const mutable = group as { -readonly [K in keyof UsageGroup]: UsageGroup[K] };
    mutable.requests += row.requests;
    mutable.failures += row.failures;
    mutable.inputTokens += row.inputTokens;
    mutable.outputTokens += row.outputTokens;
    mutable.spend += row.spend;
    const at = index.get(row.day);
    if (at !== undefined) {
      group.spendByDay[at]! += row.spend;
      group.requestsByDay[at]! += row.requests;
    }
  }
  const sorted = [...groups.values()].sort((left, right) => right.spend - left.spend || right.requests - left.requests);
  const totals = sorted.reduce(
    (sum, group) => ({
      requests: sum.requests + group.requests,
      failures: sum.failures + group.failures,
      inputTokens: sum.inputTokens + group.inputTokens,
      outputTokens: sum.outputTokens + group.outputTokens,
      spend: sum.spend + group.spend,
    }),
    { requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, spend: 0 },
  );
  return { days, groups: sorted, totals };
}
