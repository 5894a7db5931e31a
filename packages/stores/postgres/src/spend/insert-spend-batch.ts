import type pg from 'pg';
import type { SpendRecord, SpendWriteResult } from '@switchyard/core';
import { moneyToSql, timeToSql } from '../sql-values.js';
import { withTransaction } from '../with-transaction.js';

/** Rows per statement: one JSON parameter, so this bounds the message size, not a parameter count. */
export const MAX_SPEND_STATEMENT_ROWS = 1_000;

const COLUMNS = `request_id text, key_hash text, key_alias text, team_id text, user_id text, model text,
  deployment text, provider text, endpoint text, input_tokens bigint, output_tokens bigint,
  cached_input_tokens bigint, cache_write_tokens bigint, reasoning_tokens bigint, cost numeric,
  outcome text, status integer, error_code text, start_time timestamptz, end_time timestamptz,
  duration_ms bigint, tags text[], attempts jsonb`;
const NAMES = COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0]).join(', ');
const SUMS = 'requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend';
const SUM_SELECT = `count(*), count(*) FILTER (WHERE outcome <> 'success'), sum(input_tokens), sum(output_tokens),
  sum(cached_input_tokens), sum(reasoning_tokens), coalesce(sum(cost), 0)`;

/**
 * The batch as one statement: insert the rows whose request id is new (`ON CONFLICT
 * (request_id) DO NOTHING` makes a retried batch harmless), and from exactly those rows add to
 * the key × model × day and team × model × day rollups (the key rollup's triggers move the model
 * and key-total ones, migration 3) and to the key, user and team `spend`.
 * A row already there adds nothing, so a batch replayed after a lost COMMIT acknowledgement,
 * or sent by two instances, is counted once. Rollup rows are grouped and sorted, so concurrent
 * batches lock them in the same order.
 */
function buildStatement(schema: string): string {
  const days = (table: string, owner: string) => `
    INSERT INTO ${schema}.${table} (day, ${owner}, model, ${SUMS})
    SELECT (start_time AT TIME ZONE 'UTC')::date, ${owner}, model, ${SUM_SELECT}
    FROM inserted WHERE ${owner} IS NOT NULL AND model IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 2, 3, 1
    ON CONFLICT (${owner}, model, day) DO UPDATE SET
      ${SUMS.split(', ').map((column) => `${column} = ${table}.${column} + EXCLUDED.${column}`).join(', ')}`;
  const totals = (table: string, id: string, owner: string) => `
    UPDATE ${schema}.${table} AS target SET spend = target.spend + delta.spend
    FROM (SELECT ${owner} AS id, sum(cost) AS spend FROM inserted WHERE ${owner} IS NOT NULL AND cost IS NOT NULL GROUP BY ${owner} ORDER BY ${owner}) AS delta
    WHERE target.${id} = delta.id`;
  return `WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS row(${COLUMNS})
    ), inserted AS (
      INSERT INTO ${schema}.spend_logs (${NAMES}) SELECT ${NAMES} FROM input
      ON CONFLICT (request_id) DO NOTHING
      RETURNING key_hash, team_id, user_id, model, cost, outcome, input_tokens, output_tokens,
        cached_input_tokens, reasoning_tokens, start_time
    ), key_days AS (${days('spend_daily_key', 'key_hash')}
    ), team_days AS (${days('spend_daily_team', 'team_id')}
    ), key_totals AS (${totals('keys', 'token_hash', 'key_hash')}
    ), user_totals AS (${totals('users', 'user_id', 'user_id')}
    ), team_totals AS (${totals('teams', 'team_id', 'team_id')}
    )
    SELECT count(*)::integer AS inserted FROM inserted`;
}

const statements = new Map<string, string>();

function statementFor(schema: string): string {
  let statement = statements.get(schema);
  if (statement === undefined) {
    statement = buildStatement(schema);
    statements.set(schema, statement);
  }
  return statement;
}

/** Writes the records exactly once each, in one transaction however many there are. `schema` is quoted. */
export async function insertSpendBatch(pool: pg.Pool, schema: string, records: readonly SpendRecord[]): Promise<SpendWriteResult> {
  if (records.length === 0) return { inserted: 0 };
  const statement = statementFor(schema);
  if (records.length <= MAX_SPEND_STATEMENT_ROWS) {
    const { rows } = await pool.query<{ inserted: number }>(statement, [toPayload(records)]);
    return { inserted: rows[0]?.inserted ?? 0 };
  }
  return withTransaction(pool, async (client) => {
    let inserted = 0;
    for (let start = 0; start < records.length; start += MAX_SPEND_STATEMENT_ROWS) {
      const { rows } = await client.query<{ inserted: number }>(statement, [toPayload(records.slice(start, start + MAX_SPEND_STATEMENT_ROWS))]);
      inserted += rows[0]?.inserted ?? 0;
    }
    return { inserted };
  });
}

function toPayload(records: readonly SpendRecord[]): string {
  return JSON.stringify(records.map((record) => ({
    request_id: record.requestId,
    key_hash: record.keyHash,
    key_alias: record.keyAlias,
    team_id: record.teamId,
    user_id: record.userId,
    model: record.model,
    deployment: record.deployment,
    provider: record.provider,
    endpoint: record.endpoint,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cached_input_tokens: record.cachedInputTokens,
    cache_write_tokens: record.cacheWriteTokens,
    reasoning_tokens: record.reasoningTokens,
    cost: moneyToSql(record.cost),
    outcome: record.outcome,
    status: record.status,
    error_code: record.errorCode,
    start_time: timeToSql(record.startedAt),
    end_time: timeToSql(record.endedAt),
    duration_ms: record.durationMs,
    tags: record.tags,
    attempts: record.attempts ?? null,
  })));
}
