import type Database from 'better-sqlite3';
import type { SpendRecord, SpendWriteResult } from '@switchyard/core';

interface RollupDelta {
  day: string;
  /** The key hash or team id. */
  id: string;
  model: string;
  requests: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  spend: bigint;
}

const SUM_COLUMNS = 'requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend';
const SUM_VALUES = '@requests, @failures, @inputTokens, @outputTokens, @cachedInputTokens, @reasoningTokens, @spend';
const ROLLUP_UPDATE = `requests = requests + excluded.requests, failures = failures + excluded.failures,
  input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
  cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
  spend = atto_add(spend, excluded.spend)`;

/**
 * The daily rollups the writer keeps, each a table whose primary key is `day` and these
 * columns; `of` gives a row's id and model there, or undefined when the row is not counted in
 * it. Every rollup counts rows with a model only. The model and key-total rollups are sums of
 * the key rollup, kept by its triggers (migration 3).
 */
const ROLLUPS: readonly {
  readonly table: string;
  /** Columns besides `day`, and the named parameter each is written from. */
  readonly columns: readonly (readonly [column: string, parameter: string])[];
  readonly of: (record: SpendRecord) => readonly [id: string, model: string] | undefined;
}[] = [
  { table: 'spend_daily_key', columns: [['key_hash', '@id'], ['model', '@model']], of: (record) => (record.keyHash === null ? undefined : [record.keyHash, record.model!]) },
  { table: 'spend_daily_team', columns: [['team_id', '@id'], ['model', '@model']], of: (record) => (record.teamId === null ? undefined : [record.teamId, record.model!]) },
];

/**
 * One batch in one IMMEDIATE transaction: rows new by request id are inserted, and for those
 * rows only, the daily rollups (`ROLLUPS`, and through the key rollup's triggers the model and
 * key-total ones) and the spend of their key, team and user move by their cost.
 */
export function createSpendWriter(database: Database.Database): (records: readonly SpendRecord[]) => SpendWriteResult {
  const insert = database.prepare(`INSERT INTO spend_logs (request_id, key_hash, key_alias, team_id, user_id, model, deployment, provider, endpoint,
      input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, cost, outcome, status, error_code,
      started_at, ended_at, duration_ms, tags, attempts)
    VALUES (@requestId, @keyHash, @keyAlias, @teamId, @userId, @model, @deployment, @provider, @endpoint,
      @inputTokens, @outputTokens, @cachedInputTokens, @cacheWriteTokens, @reasoningTokens, @cost, @outcome, @status, @errorCode,
      @startedAt, @endedAt, @durationMs, @tags, @attempts)
    ON CONFLICT (request_id) DO NOTHING`);
  const rollups = ROLLUPS.map(({ table, columns, of }) => ({
    of,
    upsert: database.prepare(`INSERT INTO ${table} (day, ${columns.map(([column]) => column).join(', ')}, ${SUM_COLUMNS})
      VALUES (@day, ${columns.map(([, value]) => value).join(', ')}, ${SUM_VALUES})
      ON CONFLICT (day, ${columns.map(([column]) => column).join(', ')}) DO UPDATE SET ${ROLLUP_UPDATE}`),
  }));
  const addSpend = {
    key: database.prepare('UPDATE keys SET spend = atto_add(spend, ?) WHERE token_hash = ?'),
    team: database.prepare('UPDATE teams SET spend = atto_add(spend, ?) WHERE team_id = ?'),
    user: database.prepare('UPDATE users SET spend = atto_add(spend, ?) WHERE user_id = ?'),
  };

  const write = database.transaction((records: readonly SpendRecord[]): SpendWriteResult => {
    const deltas = rollups.map(() => new Map<string, RollupDelta>());
    const ownerDeltas = { key: new Map<string, bigint>(), team: new Map<string, bigint>(), user: new Map<string, bigint>() };
    let inserted = 0;
    for (const record of records) {
      const result = insert.run({
        ...record,
        cost: record.cost === null ? null : record.cost.toString(),
        tags: JSON.stringify(record.tags),
        attempts: record.attempts === undefined ? null : JSON.stringify(record.attempts),
      });
      if (result.changes === 0) continue;
      inserted++;
      const cost = record.cost ?? 0n;
      if (record.model !== null) {
        const day = new Date(record.startedAt).toISOString().slice(0, 10);
        rollups.forEach((rollup, index) => {
          const at = rollup.of(record);
          if (at !== undefined) accumulate(deltas[index]!, day, at[0], at[1], record, cost);
        });
      }
      if (cost === 0n) continue;
      if (record.keyHash !== null) ownerDeltas.key.set(record.keyHash, (ownerDeltas.key.get(record.keyHash) ?? 0n) + cost);
      if (record.teamId !== null) ownerDeltas.team.set(record.teamId, (ownerDeltas.team.get(record.teamId) ?? 0n) + cost);
      if (record.userId !== null) ownerDeltas.user.set(record.userId, (ownerDeltas.user.get(record.userId) ?? 0n) + cost);
    }
    rollups.forEach((rollup, index) => {
      for (const delta of deltas[index]!.values()) rollup.upsert.run({ ...delta, spend: delta.spend.toString() });
    });
    for (const owner of ['key', 'team', 'user'] as const) {
      for (const [id, amount] of ownerDeltas[owner]) addSpend[owner].run(amount.toString(), id);
    }
    return { inserted };
  });
  return (records) => write.immediate(records);
}

function accumulate(deltas: Map<string, RollupDelta>, day: string, id: string, model: string, record: SpendRecord, cost: bigint): void {
  const key = `${day}\u0000${id}\u0000${model}`;
  let delta = deltas.get(key);
  if (delta === undefined) {
    delta = { day, id, model, requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, spend: 0n };
    deltas.set(key, delta);
  }
  delta.requests++;
  if (record.outcome !== 'success') delta.failures++;
  delta.inputTokens += record.inputTokens;
  delta.outputTokens += record.outputTokens;
  delta.cachedInputTokens += record.cachedInputTokens;
  delta.reasoningTokens += record.reasoningTokens;
  delta.spend += cost;
}
