import type pg from 'pg';
import type { SpendLogRow } from './spend-log-row.js';

/** Rows per statement: one JSON parameter, so the size bounds the message, not a parameter count. */
export const MAX_SPEND_BATCH = 1_000;

const COLUMNS = `request_id text, key_hash text, key_alias text, team_id text, user_id text, model text,
  deployment_id text, provider text, endpoint text, prompt_tokens bigint, completion_tokens bigint,
  total_tokens bigint, cached_tokens bigint, reasoning_tokens bigint, cost numeric, status integer,
  outcome text, start_time timestamptz, end_time timestamptz, duration_ms integer, tags text[]`;
const NAMES = COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0]).join(', ');
const SUMS = 'spend, prompt_tokens, completion_tokens, total_tokens, cached_tokens, reasoning_tokens, requests, failed_requests';
const SUM_SELECT = `sum(cost), sum(prompt_tokens), sum(completion_tokens), sum(total_tokens), sum(cached_tokens),
  sum(reasoning_tokens), count(*), count(*) FILTER (WHERE status >= 400)`;

function addSums(table: string): string {
  return SUMS.split(', ').map((column) => `${column} = ${table}.${column} + EXCLUDED.${column}`).join(', ');
}

/**
 * The batch as one statement, hence one transaction: insert the rows whose request id is new
 * (`ON CONFLICT (request_id) DO NOTHING` makes a retried batch harmless), and from exactly
 * those rows add to the key × model × day and team × model × day rollups and to the key, user
 * and team spend totals. A row that was already there adds nothing, so a batch replayed after
 * a lost COMMIT acknowledgement, or sent by two instances, is counted once.
 * Rollup rows are grouped and sorted, so concurrent batches lock them in the same order.
 */
function buildStatement(schema: string): string {
  const days = (table: string, owner: string, filter: string) => `
  INSERT INTO ${schema}.${table} (day, ${owner}, model, ${SUMS})
  SELECT (start_time AT TIME ZONE 'UTC')::date, coalesce(${owner}, ''), coalesce(model, ''), ${SUM_SELECT}
  FROM inserted ${filter} GROUP BY 1, 2, 3 ORDER BY 2, 3, 1
  ON CONFLICT (${owner}, model, day) DO UPDATE SET ${addSums(table)}`;
  const totals = (table: string, owner: string) => `
  UPDATE ${schema}.${table} AS target SET spend = target.spend + delta.spend
  FROM (SELECT ${owner}, sum(cost) AS spend FROM inserted WHERE ${owner} IS NOT NULL GROUP BY ${owner}) AS delta
  WHERE target.${owner} = delta.${owner}`;
  return `WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS row(${COLUMNS})
  ), inserted AS (
    INSERT INTO ${schema}.spend_logs (${NAMES}) SELECT ${NAMES} FROM input
    ON CONFLICT (request_id) DO NOTHING
    RETURNING key_hash, team_id, user_id, model, cost, prompt_tokens, completion_tokens, total_tokens,
      cached_tokens, reasoning_tokens, status, start_time
  ), key_days AS (${days('spend_daily_key', 'key_hash', '')}
  ), team_days AS (${days('spend_daily_team', 'team_id', 'WHERE team_id IS NOT NULL')}
  ), key_totals AS (${totals('keys', 'key_hash')}
  ), user_totals AS (${totals('users', 'user_id')}
  ), team_totals AS (${totals('teams', 'team_id')}
  )
  SELECT count(*)::integer AS inserted FROM inserted`;
}

const statements = new Map<string, string>();

export interface SpendBatchResult {
  /** Rows written now. */
  readonly inserted: number;
  /** Rows whose request id was already stored (a replay); they changed nothing. */
  readonly duplicates: number;
}

/** Writes up to MAX_SPEND_BATCH rows exactly once each. `schema` is already quoted. */
export async function insertSpendBatch(pool: pg.Pool, schema: string, rows: readonly SpendLogRow[]): Promise<SpendBatchResult> {
  if (rows.length === 0) return { inserted: 0, duplicates: 0 };
  if (rows.length > MAX_SPEND_BATCH) throw new RangeError(`a spend batch holds at most ${MAX_SPEND_BATCH} rows, got ${rows.length}`);
  let statement = statements.get(schema);
  if (statement === undefined) {
    statement = buildStatement(schema);
    statements.set(schema, statement);
  }
  const payload = JSON.stringify(rows.map(toColumns));
  const result = await pool.query<{ inserted: number }>(statement, [payload]);
  const inserted = result.rows[0]?.inserted ?? 0;
  return { inserted, duplicates: rows.length - inserted };
}

function toColumns(row: SpendLogRow): Record<string, unknown> {
  return {
    request_id: row.requestId,
    key_hash: row.keyHash,
    key_alias: row.keyAlias,
    team_id: row.teamId,
    user_id: row.userId,
    model: row.model,
    deployment_id: row.deploymentId,
    provider: row.provider,
    endpoint: row.endpoint,
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    total_tokens: row.totalTokens,
    cached_tokens: row.cachedTokens,
    reasoning_tokens: row.reasoningTokens,
    cost: row.cost,
    status: row.status,
    outcome: row.outcome,
    start_time: row.startTime,
    end_time: row.endTime,
    duration_ms: row.durationMs,
    tags: row.tags,
  };
}
