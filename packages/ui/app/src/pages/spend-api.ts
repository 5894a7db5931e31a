import { api, apiText } from '../api.ts';

/**
 * The spend endpoints (`GET /spend/summary`, `GET /global/spend/report?format=csv`,
 * `GET /spend/logs`) in the shapes the usage and logs pages draw. Money arrives as a number of
 * USD beside an exact decimal string (`spend_exact`); the CSV carries the exact decimals.
 */
/** `GET /spend/summary`: what the usage page draws, summed by the store. */
export interface UsageSummaryJson {
  readonly group_by: 'model' | 'key' | 'team';
  readonly start_date: string;
  readonly end_date: string;
  readonly totals: UsageTotalsJson;
  readonly groups: readonly (UsageTotalsJson & { readonly id: string; readonly label: string | null })[];
  readonly more_groups: number;
  readonly series: readonly { readonly date: string; readonly id: string; readonly requests: number; readonly spend: number; readonly spend_exact: string }[];
}

export interface UsageTotalsJson {
  readonly requests: number;
  readonly failures: number;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly spend: number;
  readonly spend_exact: string;
}

export function loadUsageSummary(options: { groupBy: 'model' | 'key' | 'team'; from: string; to: string; top: number; signal?: AbortSignal }): Promise<UsageSummaryJson> {
  return api<UsageSummaryJson>('/spend/summary', { query: { group_by: options.groupBy, start_date: options.from, end_date: options.to, top: options.top }, signal: options.signal });
}

/** Every key (or team) × model × day rollup row of the range as CSV, written by the gateway. */
export function loadUsageCsv(options: { groupBy: 'key' | 'team'; from: string; to: string; signal?: AbortSignal }): Promise<string> {
  return apiText('/global/spend/report', { query: { start_date: options.from, end_date: options.to, group_by: options.groupBy, format: 'csv' }, signal: options.signal });
}

/** One spend log row as `GET /spend/logs` answers it (LiteLLM's field names; `api_key` is the key's hash). */
export interface LogRow {
  readonly request_id: string;
  readonly api_key: string | null;
  readonly key_alias: string | null;
  readonly user: string | null;
  readonly team_id: string | null;
  readonly model: string | null;
  readonly model_id: string | null;
  readonly custom_llm_provider: string | null;
  readonly call_type: string;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cached_tokens: number;
  readonly cache_write_tokens: number;
  readonly reasoning_tokens: number;
  readonly spend: number;
  readonly spend_exact: string | null;
  readonly status: 'success' | 'failure';
  readonly outcome: 'success' | 'error' | 'aborted';
  readonly http_status: number;
  readonly error_code: string | null;
  readonly startTime: string;
  readonly endTime: string;
  readonly duration_ms: number;
  readonly request_tags: readonly string[];
  /** The router's calls, in order; [] when none was made; null on rows written before attempts were stored. */
  readonly attempts: readonly LogAttempt[] | null;
}

/** One call to one deployment, as a spend row lists it. */
export interface LogAttempt {
  readonly model_id: string;
  readonly model_group: string;
  readonly status: 'success' | 'failure';
  readonly http_status: number;
  readonly error_code: string | null;
  readonly duration_ms: number;
  readonly fallback: boolean;
}

export interface LogPage {
  readonly data: readonly LogRow[];
  readonly next_cursor: string | null;
}

export interface LogFilters {
  readonly key?: string;
  readonly model?: string;
  readonly team?: string;
  readonly requestId?: string;
  readonly from?: string;
  readonly to?: string;
  /** `status_filter`: the store filters, so a page of failures is a full page of failures. */
  readonly status?: 'success' | 'failure';
}

export const LOG_PAGE_SIZE = 50;

export function loadLogs(filters: LogFilters, cursor: string | undefined, signal?: AbortSignal): Promise<LogPage> {
  return api<LogPage>('/spend/logs', {
    query: {
      api_key: filters.key,
      model: filters.model,
      team_id: filters.team,
      request_id: filters.requestId,
      start_date: filters.from,
      end_date: filters.to,
      status_filter: filters.status,
      limit: LOG_PAGE_SIZE,
      cursor,
    },
    signal,
  });
}
