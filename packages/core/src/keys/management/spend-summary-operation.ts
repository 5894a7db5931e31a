import { formatAttoUsd } from '../../cost/atto-usd.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { summarizeRollups, type SpendSummaryGroup, type SpendSummaryQuery } from '../../stores/spend-summary.js';
import { positive, type Management } from './key-operations.js';
import { usd } from './present.js';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GROUPS = ['model', 'key', 'team'] as const;

function day(value: string | null, param: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new GatewayError('invalid_value', `'${param}' must be a UTC day, YYYY-MM-DD.`, { param });
  return value;
}

/**
 * `GET /spend/summary` (admins): spend and requests per model, key or team over a range of
 * UTC days, largest first, with per-day figures for the `top` largest — what the admin UI's usage
 * page draws, summed in the store (`spendSummary`) so it stays small and fast at millions of
 * spend rows. Defaults: the last 7 days, by model, top 6, 500 groups. Money as USD numbers with
 * the exact decimal beside (`*_exact`).
 */
export async function spendSummary(management: Management, query: URLSearchParams): Promise<Record<string, unknown>> {
  const groupBy = query.get('group_by') ?? 'model';
  if (!(GROUPS as readonly string[]).includes(groupBy)) throw new GatewayError('invalid_value', "'group_by' must be model, key or team.", { param: 'group_by' });
  const today = new Date(Math.floor(management.now / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const toDay = day(query.get('end_date'), 'end_date') ?? today;
  const fromDay = day(query.get('start_date'), 'start_date') ?? new Date(Date.parse(`${toDay}T00:00:00Z`) - 6 * DAY_MS).toISOString().slice(0, 10);
  if (fromDay > toDay) throw new GatewayError('invalid_value', "'start_date' is after 'end_date'.", { param: 'start_date' });
  if (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`) > 366 * DAY_MS) {
    throw new GatewayError('invalid_value', 'A spend summary covers at most 366 days.', { param: 'start_date' });
  }
  const summaryQuery: SpendSummaryQuery = {
    groupBy: groupBy as SpendSummaryQuery['groupBy'],
    fromDay,
    toDay,
    top: Math.min(positive(query.get('top'), 6, 'top'), 50),
    limit: Math.min(positive(query.get('limit'), 500, 'limit'), 5000),
  };
  const { store } = management;
  const summary =
    store.spendSummary !== undefined
      ? await store.spendSummary(summaryQuery)
      : summarizeRollups(await store.spendReport({ groupBy: summaryQuery.groupBy === 'team' ? 'team' : 'key', fromDay, toDay }), summaryQuery);
  const money = (atto: bigint) => ({ spend: usd(atto), spend_exact: formatAttoUsd(atto) });
  // The master key's calls are rows under its hash like any key's; it has no alias to show.
  const masterKeyHash = summaryQuery.groupBy === 'key' ? management.system.masterKeyHash : undefined;
  const group = (entry: SpendSummaryGroup) => ({
    id: entry.id,
    label: entry.id === masterKeyHash ? 'master key' : entry.label,
    requests: entry.requests,
    failures: entry.failures,
    prompt_tokens: entry.inputTokens,
    completion_tokens: entry.outputTokens,
    ...money(entry.spend),
  });
  const { totals } = summary;
  return {
    group_by: groupBy,
    start_date: fromDay,
    end_date: toDay,
    totals: { requests: totals.requests, failures: totals.failures, prompt_tokens: totals.inputTokens, completion_tokens: totals.outputTokens, ...money(totals.spend) },
    groups: summary.groups.map(group),
    more_groups: summary.moreGroups,
    series: summary.series.map((point) => ({ date: point.day, id: point.id, requests: point.requests, ...money(point.spend) })),
  };
}
