import { api } from '../api.ts';

/**
 * The spend endpoints, read into the shapes the usage and logs pages draw. Money arrives as a
 * decimal string or a number of USD; it is summed here as a number, which is exact enough for
 * display (the API keeps the exact decimals, and the CSV carries what it sent).
 */
export interface UsageRow {
  readonly day: string;
  /** The key hash (group by key) or team id (group by team). */
  readonly id: string;
  /** A key's alias where the API names it. */
  readonly label: string;
  readonly model: string;
  readonly requests: number;
  readonly failures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly spend: number;
  /** The spend as the API sent it. */
  readonly spendText: string;
}

export interface LogRow {
  readonly requestId: string;
  readonly keyHash: string | null;
  readonly keyAlias: string | null;
  readonly teamId: string | null;
  readonly model: string | null;
  readonly deployment: string | null;
  readonly provider: string | null;
  readonly endpoint: string | null;
  readonly status: number | null;
  readonly outcome: string | null;
  readonly errorCode: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly reasoningTokens: number;
  readonly cost: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly attempts: unknown;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface LogPage {
  readonly rows: readonly LogRow[];
  readonly nextCursor: string | null;
}

type Raw = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));
const numberOf = (value: unknown): number => {
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
};
const first = (raw: Raw, ...names: string[]): unknown => names.map((name) => raw[name]).find((value) => value !== undefined);
const listOf = (body: unknown): Raw[] => {
  if (Array.isArray(body)) return body as Raw[];
  const object = (body ?? {}) as Raw;
  const list = first(object, 'data', 'rows', 'logs', 'results');
  return Array.isArray(list) ? (list as Raw[]) : [];
};

export async function loadUsage(options: { groupBy: 'key' | 'team'; from: string; to: string; signal?: AbortSignal }): Promise<UsageRow[]> {
  const body = await api<unknown>('/global/spend/report', {
    query: { start_date: options.from, end_date: options.to, group_by: options.groupBy === 'key' ? 'api_key' : 'team' },
    signal: options.signal,
  });
  return listOf(body).map((raw) => {
    const spend = first(raw, 'spend', 'total_spend');
    const id = text(first(raw, 'id', 'api_key', 'key_hash', 'token', 'team_id')) ?? '(none)';
    return {
      day: String(first(raw, 'day', 'date', 'group_by_day') ?? '').slice(0, 10),
      id,
      label: text(first(raw, 'key_alias', 'team_alias', 'alias')) ?? id,
      model: text(first(raw, 'model', 'model_group')) ?? '(none)',
      requests: numberOf(first(raw, 'requests', 'api_requests')),
      failures: numberOf(first(raw, 'failures', 'failed_requests')),
      inputTokens: numberOf(first(raw, 'input_tokens', 'prompt_tokens')),
      outputTokens: numberOf(first(raw, 'output_tokens', 'completion_tokens')),
      spend: numberOf(spend),
      spendText: text(spend) ?? '0',
    };
  });
}

export interface LogFilters {
  readonly key?: string;
  readonly model?: string;
  readonly status?: string;
  readonly requestId?: string;
  readonly from?: string;
  readonly to?: string;
}

export async function loadLogs(filters: LogFilters, cursor: string | undefined, signal?: AbortSignal): Promise<LogPage> {
  const body = await api<unknown>('/spend/logs', {
    query: {
      api_key: filters.key,
      model: filters.model,
      status: filters.status,
      request_id: filters.requestId,
      start_date: filters.from,
      end_date: filters.to,
      limit: 50,
      cursor,
    },
    signal,
  });
  const object = (Array.isArray(body) ? {} : (body ?? {})) as Raw;
  return { rows: listOf(body).map(toLogRow), nextCursor: text(first(object, 'next_cursor', 'nextCursor', 'cursor')) };
}

function toLogRow(raw: Raw): LogRow {
  const usage = (raw.usage ?? {}) as Raw;
  const from = (...names: string[]) => first(raw, ...names) ?? first(usage, ...names);
  const startedAt = text(first(raw, 'start_time', 'startTime', 'started_at'));
  const endedAt = text(first(raw, 'end_time', 'endTime', 'ended_at'));
  const duration = first(raw, 'duration_ms', 'durationMs');
  return {
    requestId: String(first(raw, 'request_id', 'requestId') ?? ''),
    keyHash: text(first(raw, 'api_key', 'key_hash', 'token')),
    keyAlias: text(first(raw, 'key_alias')),
    teamId: text(first(raw, 'team_id')),
    model: text(first(raw, 'model_group', 'model')),
    deployment: text(first(raw, 'deployment', 'model_id', 'deployment_id')),
    provider: text(first(raw, 'provider', 'custom_llm_provider')),
    endpoint: text(first(raw, 'endpoint', 'call_type')),
    status: duration === undefined && raw.status === undefined ? null : numberOf(first(raw, 'status_code', 'http_status', 'status')) || null,
    outcome: text(first(raw, 'outcome', 'status')),
    errorCode: text(first(raw, 'error_code')),
    inputTokens: numberOf(from('input_tokens', 'prompt_tokens')),
    outputTokens: numberOf(from('output_tokens', 'completion_tokens')),
    cachedInputTokens: numberOf(from('cached_input_tokens', 'cached_tokens')),
    reasoningTokens: numberOf(from('reasoning_tokens')),
    cost: text(first(raw, 'spend', 'cost')),
    startedAt,
    endedAt,
    durationMs: duration === undefined ? (startedAt && endedAt ? Date.parse(endedAt) - Date.parse(startedAt) : null) : numberOf(duration),
    attempts: first(raw, 'attempts'),
    raw,
  };
}
