import { formatAttoUsd } from '../../cost/atto-usd.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { jsonResponse, type GatewayResponse } from '../../http/gateway-response.js';
import type { SpendLogQuery } from '../../stores/spend-store.js';
import { toKeyHash } from '../key-material.js';
import { principalHash } from '../principal.js';
import { positive, type Management } from './key-operations.js';
import { presentRollup, presentSpend, usd } from './present.js';
import { spendReportCsv } from './spend-report-csv.js';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-12-01` (a whole UTC day) or an ISO date-time; `end` of a day means the end of that day. */
function instant(value: string | null, param: string, end: boolean): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new GatewayError('invalid_value', `'${param}' must be a date (YYYY-MM-DD) or an ISO 8601 date-time.`, { param });
  return end && DAY.test(value) ? ms + DAY_MS : ms;
}

/** `status_filter` (LiteLLM's name on `/spend/logs/ui`; `status` too): `success` or `failure` (error or aborted), as rows show `status`. */
function outcomeFilter(value: string | null): SpendLogQuery['status'] | undefined {
  if (value === null || value === '') return undefined;
  if (value === 'success' || value === 'failure') return value;
  throw new GatewayError('invalid_value', "'status_filter' must be success or failure.", { param: 'status_filter' });
}

/** `GET /spend/logs`: newest first, filtered, one page per call; `next_cursor` fetches the next. A non-admin key sees its own rows only. */
export async function spendLogs(management: Management, query: URLSearchParams, admin: boolean): Promise<Record<string, unknown>> {
  const apiKey = query.get('api_key') ?? query.get('key');
  const ownHash = principalHash(management.principal);
  const keyHash = admin ? (apiKey === null || apiKey === '' ? undefined : toKeyHash(apiKey)) : ownHash;
  if (!admin && apiKey !== null && apiKey !== '' && toKeyHash(apiKey) !== ownHash) throw new GatewayError('admin_required', 'A key may only read its own spend logs.');
  const limit = Math.min(positive(query.get('limit') ?? query.get('page_size'), 100, 'limit'), 1000);
  const filters: SpendLogQuery = {
    limit,
    ...(keyHash === undefined ? {} : { keyHash }),
    ...optional('userId', query.get('user_id')),
    ...optional('teamId', query.get('team_id')),
    ...optional('model', query.get('model')),
    ...optional('requestId', query.get('request_id')),
    ...optional('status', outcomeFilter(query.get('status_filter') ?? query.get('status'))),
    ...optional('cursor', query.get('cursor')),
    ...optional('from', instant(query.get('start_date'), 'start_date', false)),
    ...optional('to', instant(query.get('end_date'), 'end_date', true)),
  };
  const page = await management.store.querySpendLogs(filters);
  return { data: page.records.map(presentSpend), next_cursor: page.nextCursor, has_more: page.nextCursor !== null, limit };
}

/**
 * `GET /global/spend/report`: daily totals from the rollups, by key or by team, each day with
 * its per-key (or per-team) per-model breakdown. Defaults: the last 30 days, by team.
 * `format=csv` answers the same rows as a CSV file instead (`spendReportCsv`).
 */
export async function spendReport(management: Management, query: URLSearchParams): Promise<GatewayResponse> {
  const format = query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new GatewayError('invalid_value', "'format' must be json or csv.", { param: 'format' });
  const groupBy = query.get('group_by') ?? 'team';
  if (groupBy !== 'key' && groupBy !== 'team') throw new GatewayError('invalid_value', "'group_by' must be key or team.", { param: 'group_by' });
  const to = instant(query.get('end_date'), 'end_date', true) ?? Math.floor(management.now / DAY_MS) * DAY_MS + DAY_MS;
  const from = instant(query.get('start_date'), 'start_date', false) ?? to - 30 * DAY_MS;
  if (to - from > 366 * DAY_MS) throw new GatewayError('invalid_value', 'A spend report covers at most 366 days.', { param: 'start_date' });
  const fromDay = new Date(from).toISOString().slice(0, 10);
  const toDay = new Date(to - 1).toISOString().slice(0, 10);
  const apiKey = query.get('api_key');
  const id = groupBy === 'key' ? (apiKey === null || apiKey === '' ? undefined : toKeyHash(apiKey)) : (query.get('team_id') ?? undefined);
  const rows = await management.store.spendReport({ groupBy, fromDay, toDay, ...(id === undefined ? {} : { id }), ...optional('model', query.get('model')) });
  if (format === 'csv') {
    return {
      kind: 'text',
      status: 200,
      headers: { 'content-disposition': `attachment; filename="switchyard-spend-by-${groupBy}-${fromDay}-to-${toDay}.csv"`, 'cache-control': 'no-store' },
      contentType: 'text/csv; charset=utf-8',
      body: spendReportCsv(rows, groupBy),
    };
  }
  const days = new Map<string, { spend: bigint; requests: number; breakdown: Record<string, unknown>[] }>();
  let total = 0n;
  let requests = 0;
  for (const row of rows) {
    let day = days.get(row.day);
    if (day === undefined) days.set(row.day, (day = { spend: 0n, requests: 0, breakdown: [] }));
    day.spend += row.spend;
    day.requests += row.requests;
    day.breakdown.push(presentRollup(row, groupBy));
    total += row.spend;
    requests += row.requests;
  }
  return jsonResponse(200, {
    group_by: groupBy,
    start_date: fromDay,
    end_date: toDay,
    total_spend: usd(total),
    total_spend_exact: formatAttoUsd(total),
    total_requests: requests,
    days: [...days].map(([date, day]) => ({ date, spend: usd(day.spend), spend_exact: formatAttoUsd(day.spend), requests: day.requests, breakdown: day.breakdown })),
  });
}

function optional<K extends string, V>(name: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined || value === '' ? {} : { [name]: value }) as { [P in K]?: V };
}
