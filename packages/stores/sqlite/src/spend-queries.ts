import type Database from 'better-sqlite3';
import { GatewayError, spendAttemptsFromJson, type SpendLogPage, type SpendLogQuery, type SpendRecord, type SpendReportQuery, type SpendRollupRow } from '@switchyard/core';

interface SpendRow {
  request_id: string;
  key_hash: string | null;
  key_alias: string | null;
  team_id: string | null;
  user_id: string | null;
  model: string | null;
  deployment: string | null;
  provider: string | null;
  endpoint: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost: string | null;
  outcome: SpendRecord['outcome'];
  status: number;
  error_code: string | null;
  started_at: number;
  ended_at: number;
  duration_ms: number;
  tags: string;
  attempts: string | null;
}

/** A row of a daily rollup table as SQLite returns it (spend as TEXT attoUSD). */
export interface RollupRow {
  day: string;
  id: string;
  model: string;
  requests: number;
  failures: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  spend: string;
}

const FILTERS = [
  ['keyHash', 'key_hash'],
  ['userId', 'user_id'],
  ['teamId', 'team_id'],
  ['model', 'model'],
  ['requestId', 'request_id'],
] as const;

/** A page of the spend log: each filter is an indexed equality, the cursor a (started_at, request_id) bound. */
export function querySpendLogs(database: Database.Database, query: SpendLogQuery): SpendLogPage {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  for (const [field, column] of FILTERS) {
    const value = query[field];
    if (value !== undefined) {
      conditions.push(`${column} = ?`);
      parameters.push(value);
    }
  }
  // Literal conditions, as the partial indexes' WHERE is written, so the planner can use them.
  if (query.status === 'failure') conditions.push("outcome <> 'success'");
  if (query.status === 'success') conditions.push("outcome = 'success'");
  if (query.from !== undefined) {
    conditions.push('started_at >= ?');
    parameters.push(query.from);
  }
  if (query.to !== undefined) {
    conditions.push('started_at < ?');
    parameters.push(query.to);
  }
  if (query.cursor !== undefined) {
    const [startedAt, requestId] = decodeCursor(query.cursor);
    conditions.push('started_at <= ? AND (started_at < ? OR request_id < ?)');
    parameters.push(startedAt, startedAt, requestId);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const rows = database
    .prepare<unknown[], SpendRow>(`SELECT * FROM spend_logs ${where} ORDER BY started_at DESC, request_id DESC LIMIT ?`)
    .all(...parameters, query.limit + 1);
  const more = rows.length > query.limit;
  const records = (more ? rows.slice(0, query.limit) : rows).map(fromSpendRow);
  const last = records.at(-1);
  return { records, nextCursor: more && last !== undefined ? encodeCursor(last.startedAt, last.requestId) : null };
}

export function spendReport(database: Database.Database, query: SpendReportQuery): SpendRollupRow[] {
  const [table, idColumn] = query.groupBy === 'key' ? ['spend_daily_key', 'key_hash'] : ['spend_daily_team', 'team_id'];
  const conditions = ['day >= ?', 'day <= ?'];
  const parameters: unknown[] = [query.fromDay, query.toDay];
  if (query.id !== undefined) {
    conditions.push(`${idColumn} = ?`);
    parameters.push(query.id);
  }
  if (query.model !== undefined) {
    conditions.push('model = ?');
    parameters.push(query.model);
  }
  const rows = database
    .prepare<unknown[], RollupRow>(`SELECT day, ${idColumn} AS id, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend
      FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY day, ${idColumn}, model`)
    .all(...parameters);
  return rows.map(fromRollupRow);
}

export function fromRollupRow(row: RollupRow): SpendRollupRow {
  return {
    day: row.day,
    id: row.id,
    model: row.model,
    requests: row.requests,
    failures: row.failures,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedInputTokens: row.cached_input_tokens,
    reasoningTokens: row.reasoning_tokens,
    spend: BigInt(row.spend),
  };
}

function fromSpendRow(row: SpendRow): SpendRecord {
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
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedInputTokens: row.cached_input_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    cost: row.cost === null ? null : BigInt(row.cost),
    outcome: row.outcome,
    status: row.status,
    errorCode: row.error_code,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    tags: JSON.parse(row.tags) as string[],
    ...withAttempts(row.attempts),
  };
}

function withAttempts(column: string | null): Pick<SpendRecord, 'attempts'> {
  const attempts = spendAttemptsFromJson(column);
  return attempts === undefined ? {} : { attempts };
}

function encodeCursor(startedAt: number, requestId: string): string {
  return Buffer.from(JSON.stringify([startedAt, requestId])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // falls through to the error below
  }
  throw new GatewayError('invalid_value', 'The cursor is not one a previous page returned.', { param: 'cursor' });
}
