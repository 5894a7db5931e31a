import type { UsageSummaryJson } from './spend-api.ts';

export type UsageDimension = 'model' | 'key' | 'team';

/** Every UTC day from `from` to `to`, inclusive (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= end && days.length < 1000; day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

export interface DaySeries {
  readonly id: string;
  readonly spend: number[];
  readonly requests: number[];
}

/** The summary's per-day points as one series per group, a value for every day of the range (0 where none). */
export function seriesByGroup(summary: UsageSummaryJson, days: readonly string[]): DaySeries[] {
  const index = new Map(days.map((day, position) => [day, position]));
  const byId = new Map<string, DaySeries>();
  for (const point of summary.series) {
    let series = byId.get(point.id);
    if (series === undefined) byId.set(point.id, (series = { id: point.id, spend: days.map(() => 0), requests: days.map(() => 0) }));
    const at = index.get(point.date);
    if (at === undefined) continue;
    series.spend[at] = point.spend;
    series.requests[at] = point.requests;
  }
  // In the order of the groups (largest first).
  return summary.groups.map((group) => byId.get(group.id)).filter((series): series is DaySeries => series !== undefined);
}
