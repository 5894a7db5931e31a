import type pg from 'pg';
import { GatewayError } from '@switchyard/core';
import { decodeSpendCursor, encodeSpendCursor } from './spend-cursor.js';
import type { SpendLogRow } from './spend-log-row.js';

export interface SpendLogQuery {
  readonly keyHash?: string;
  readonly userId?: string;
  readonly teamId?: string;
  readonly model?: string;
  readonly requestId?: string;
  /** Inclusive lower bound on start_time (ISO 8601). */
  readonly startTime?: string;
  /** Exclusive upper bound on start_time (ISO 8601). */
  readonly endTime?: string;
  /** Rows per page, 1–1000. Default 100. */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface SpendLogPage {
  readonly rows: readonly SpendLogRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export const MAX_SPEND_PAGE = 1_000;

interface SpendLogRecord {
  request_id: string;
  key_hash: string | null;
  key_alias: string | null;
  team_id: string | null;
  user_id: string | null;
  model: string | null;
  deployment_id: string | null;
  provider: string | null;
  endpoint: string | null;
  prompt_tokens: string;
  completion_tokens: string;
  total_tokens: string;
  cached_tokens: string;
  reasoning_tokens: string;
  cost: string;
  status: number;
  outcome: string;
  start_time: Date;
  end_time: Date;
  duration_ms: number;
  tags: string[];
}

/**
 * One page of spend logs, newest first. Every filter combination maps to an index on
 * (filter, start_time DESC, request_id DESC), so the page is a range scan of `limit` rows.
 */
export async function querySpendLogs(pool: pg.Pool, schema: string, query: SpendLogQuery): Promise<SpendLogPage> {
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SPEND_PAGE) {
    throw new GatewayError('invalid_value', `limit must be an integer from 1 to ${MAX_SPEND_PAGE}`, { param: 'limit' });
  }
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (query.keyHash !== undefined) add('key_hash = ?', query.keyHash);
  if (query.userId !== undefined) add('user_id = ?', query.userId);
  if (query.teamId !== undefined) add('team_id = ?', query.teamId);
  if (query.model !== undefined) add('model = ?', query.model);
  if (query.requestId !== undefined) add('request_id = ?', query.requestId);
  if (query.startTime !== undefined) add('start_time >= ?::timestamptz', checkTime(query.startTime, 'start_date'));
  if (query.endTime !== undefined) add('start_time < ?::timestamptz', checkTime(query.endTime, 'end_date'));
  if (query.cursor !== undefined) {
    const cursor = decodeSpendCursor(query.cursor);
    if (cursor === undefined) throw new GatewayError('invalid_value', 'cursor is not one this gateway returned', { param: 'cursor' });
    values.push(cursor.startTime, cursor.requestId);
    where.push(`(start_time, request_id) < ($${values.length - 1}::timestamptz, $${values.length})`);
  }
  values.push(limit + 1);
  const sql = `SELECT * FROM ${schema}.spend_logs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY start_time DESC, request_id DESC LIMIT $${values.length}`;
  const { rows } = await pool.query<SpendLogRecord>(sql, values);
  const page = rows.slice(0, limit).map(fromRecord);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeSpendCursor({ startTime: last.startTime, requestId: last.requestId }) : null;
  return { rows: page, nextCursor };
}

function checkTime(value: string, param: string): string {
  if (Number.isNaN(Date.parse(value))) throw new GatewayError('invalid_value', `${param} must be an ISO 8601 date or time`, { param });
  return value;
}

function fromRecord(record: SpendLogRecord): SpendLogRow {
  return {
    requestId: record.request_id,
    keyHash: record.key_hash,
    keyAlias: record.key_alias,
    teamId: record.team_id,
    userId: record.user_id,
    model: record.model,
    deploymentId: record.deployment_id,
    provider: record.provider,
    endpoint: record.endpoint,
    promptTokens: Number(record.prompt_tokens),
    completionTokens: Number(record.completion_tokens),
    totalTokens: Number(record.total_tokens),
    cachedTokens: Number(record.cached_tokens),
    reasoningTokens: Number(record.reasoning_tokens),
    cost: trimDecimal(record.cost),
    status: record.status,
    outcome: record.outcome,
    startTime: record.start_time.toISOString(),
    endTime: record.end_time.toISOString(),
    durationMs: record.duration_ms,
    tags: record.tags,
  };
}

/** numeric(38,18) comes back as "0.000123000000000000"; the gateway's decimals carry no trailing zeros. */
export function trimDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '' || trimmed === '-0' ? '0' : trimmed;
}
