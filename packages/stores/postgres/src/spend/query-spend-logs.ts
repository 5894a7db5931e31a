import type pg from 'pg';
import { GatewayError, spendAttemptsFromJson, type SpendLogPage, type SpendLogQuery, type SpendRecord } from '@switchyard/core';
import { integerFromSql, moneyFromSql, timeToSql } from '../sql-values.js';
import { decodeSpendCursor, encodeSpendCursor } from './spend-cursor.js';

export const MAX_SPEND_PAGE = 1_000;

interface SpendLogRow {
  request_id: string;
  key_hash: string | null;
  key_alias: string | null;
  team_id: string | null;
  user_id: string | null;
  model: string | null;
  deployment: string | null;
  provider: string | null;
  endpoint: string;
  input_tokens: string;
  output_tokens: string;
  cached_input_tokens: string;
  cache_write_tokens: string;
  reasoning_tokens: string;
  cost: string | null;
  outcome: SpendRecord['outcome'];
  status: number;
  error_code: string | null;
  start_time: Date;
  end_time: Date;
  duration_ms: string;
  tags: string[];
  attempts: unknown;
}

/**
 * One page of the spend log, newest first. Each filter has an index on (filter, start_time
 * DESC, request_id DESC), and the cursor continues in that order, so a page is a range scan
 * of `limit` rows whatever the table's size and however deep the page.
 */
export async function querySpendLogs(pool: pg.Pool, schema: string, query: SpendLogQuery): Promise<SpendLogPage> {
  const limit = query.limit;
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
  // Literal, as the partial indexes' predicate is written, so the planner matches them.
  if (query.status === 'failure') where.push("outcome <> 'success'");
  if (query.status === 'success') where.push("outcome = 'success'");
  if (query.from !== undefined) add('start_time >= ?::timestamptz', timeToSql(query.from));
  if (query.to !== undefined) add('start_time < ?::timestamptz', timeToSql(query.to));
  if (query.cursor !== undefined) {
    const cursor = decodeSpendCursor(query.cursor);
    if (cursor === undefined) throw new GatewayError('invalid_value', 'cursor is not one this gateway returned', { param: 'cursor' });
    values.push(timeToSql(cursor.startedAt), cursor.requestId);
    where.push(`(start_time, request_id) < ($${values.length - 1}::timestamptz, $${values.length})`);
  }
  values.push(limit + 1);
  const sql = `SELECT * FROM ${schema}.spend_logs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY start_time DESC, request_id DESC LIMIT $${values.length}`;
  const { rows } = await pool.query<SpendLogRow>(sql, values);
  const records = rows.slice(0, limit).map(fromRow);
  const last = records[records.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeSpendCursor({ startedAt: last.startedAt, requestId: last.requestId }) : null;
  return { records, nextCursor };
}

function fromRow(row: SpendLogRow): SpendRecord {
  return {
    requestId: row.request_id,
    keyHash: row.key_hash,
    keyAlias: row.key_alias,
    teamId: row.team_id,
    userId: row.user_id,
    model: row.model,
    deployment: row.deployment,
    provider: row.provider,
    endpoint: row.endpoint,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    cacheWriteTokens: Number(row.cache_write_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    cost: moneyFromSql(row.cost),
    outcome: row.outcome,
    status: row.status,
    errorCode: row.error_code,
    startedAt: row.start_time.getTime(),
    endedAt: row.end_time.getTime(),
    durationMs: integerFromSql(row.duration_ms) ?? 0,
    tags: row.tags,
    ...withAttempts(row.attempts),
  };
}

function withAttempts(column: unknown): Pick<SpendRecord, 'attempts'> {
  const attempts = spendAttemptsFromJson(column);
  return attempts === undefined ? {} : { attempts };
}
