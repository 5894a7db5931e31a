import type Database from 'better-sqlite3';
import type { SpendRecord, SpendWriteResult } from '@switchyard/core';

interface RollupDelta {
  day: string;
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

const ROLLUP_COLUMNS = 'day, %ID%, model, requests, failures, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, spend';
const ROLLUP_UPDATE = `requests = requests + excluded.requests, failures = failures + excluded.failures,
  input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
  cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
  spend = atto_add(spend, excluded.spend)`;

/**
 * One batch in one IMMEDIATE transaction: rows new by request id are inserted, and for those
 * rows only, the daily rollups and the spend of their key, team and user move by their cost.
 * The key rollup's triggers (migration 3) move the model and key-total rollups with it.
 */
export function createSpendWriter(database: Database.Database): (records: readonly SpendRecord[]) => SpendWriteResult {
  const insert = database.prepare(`INSERT INTO spend_logs (request_id, key_hash, key_alias, team_id, user_id, model, deployment, provider, endpoint,
      input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, cost, outcome, status, error_code,
      started_at, ended_at, duration_ms, tags, attempts)
    VALUES (@requestId, @keyHash, @keyAlias, @teamId, @userId, @model, @deployment, @provider, @endpoint,
      @inputTokens, @outputTokens, @cachedInputTokens, @cacheWriteTokens, @reasoningTokens, @cost, @outcome, @status, @errorCode,
      @startedAt, @endedAt, @durationMs, @tags, @attempts)
    ON CONFLICT (request_id) DO NOTHING`);
  const rollup = (table: string, idColumn: string) =>
    database.prepare(`INSERT INTO ${table} (${ROLLUP_COLUMNS.replace('%ID%', idColumn)})
      VALUES (@day, @id, @model, @requests, @failures, @inputTokens, @outputTokens, @cachedInputTokens, @reasoningTokens, @spend)
      ON CONFLICT (day, ${idColumn}, model) DO UPDATE SET ${ROLLUP_UPDATE}`);
  const keyRollup = rollup('spend_daily_key', 'key_hash');
  const teamRollup = rollup('spend_daily_team', 'team_id');
  const addSpend = {
    key: database.prepare('UPDATE keys SET spend = atto_add(spend, ?) WHERE token_hash = ?'),
    team: database.prepare('UPDATE teams SET spend = atto_add(spend, ?) WHERE team_id = ?'),
    user: database.prepare('UPDATE users SET spend = atto_add(spend, ?) WHERE user_id = ?'),
  };

  const write = database.transaction((records: readonly SpendRecord[]): SpendWriteResult => {
    const keyDeltas = new Map<string, RollupDelta>();
    const teamDeltas = new Map<string, RollupDelta>();
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
        if (record.keyHash !== null) accumulate(keyDeltas, day, record.keyHash, record, cost);
        if (record.teamId !== null) accumulate(teamDeltas, day, record.teamId, record, cost);
      }
      if (cost === 0n) continue;
      if (record.keyHash !== null) ownerDeltas.key.set(record.keyHash, (ownerDeltas.key.get(record.keyHash) ?? 0n) + cost);
      if (record.teamId !== null) ownerDeltas.team.set(record.teamId, (ownerDeltas.team.get(record.teamId) ?? 0n) + cost);
      if (record.userId !== null) ownerDeltas.user.set(record.userId, (ownerDeltas.user.get(record.userId) ?? 0n) + cost);
    }
    for (const delta of keyDeltas.values()) keyRollup.run({ ...delta, spend: delta.spend.toString() });
    for (const delta of teamDeltas.values()) teamRollup.run({ ...delta, spend: delta.spend.toString() });
    for (const owner of ['key', 'team', 'user'] as const) {
      for (const [id, amount] of ownerDeltas[owner]) addSpend[owner].run(amount.toString(), id);
    }
    return { inserted };
  });
  return (records) => write.immediate(records);
}

function accumulate(deltas: Map<string, RollupDelta>, day: string, id: string, record: SpendRecord, cost: bigint): void {
  const model = record.model!;
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
