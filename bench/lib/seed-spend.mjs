// A SQLite database holding `rows` spend log rows (and their daily rollups), written through
// the store's own batched writeSpend, as the outbox writes them. Seeding 1M rows takes a while,
// so the file is kept in the OS temp folder and reused by later runs with the same shape.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { MIGRATIONS, openSqliteStore } from '@switchyard/store-sqlite';

export const SEED_SHAPE = { keys: 500, teams: 25, models: ['gpt-4o-mini', 'gpt-4o', 'gpt-5.5', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'acme-chat', 'text-embedding-3-small', 'o4-mini'], days: 90 };
const ATTO_PER_USD = 10n ** 18n;

export function seededKeyHash(index) {
  return createHash('sha256').update(`bench-key-${index}`).digest('hex');
}

/** Deterministic rows: row i is the same on every machine; newest day = `endDay` (UTC ms at 00:00). */
function record(index, total, endDay) {
  const key = (index * 7919) % SEED_SHAPE.keys;
  const model = SEED_SHAPE.models[(index * 31) % SEED_SHAPE.models.length];
  const dayOffset = Math.floor((index / total) * SEED_SHAPE.days);
  const startedAt = endDay - (SEED_SHAPE.days - 1 - dayOffset) * 86_400_000 + ((index * 104_729) % 86_400_000);
  const inputTokens = 50 + ((index * 13) % 4000);
  const outputTokens = 10 + ((index * 17) % 800);
  const failed = index % 53 === 0;
  return {
    requestId: `bench-${String(index).padStart(8, '0')}`,
    keyHash: seededKeyHash(key),
    keyAlias: `bench-key-${key}`,
    teamId: `team-${key % SEED_SHAPE.teams}`,
    userId: null,
    model,
    deployment: `${model}-0`,
    provider: 'openai',
    endpoint: 'chat/completions',
    inputTokens,
    outputTokens,
    cachedInputTokens: index % 5 === 0 ? Math.floor(inputTokens / 2) : 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: failed ? null : (BigInt(inputTokens) * 150n + BigInt(outputTokens) * 600n) * (ATTO_PER_USD / 1_000_000_000n),
    outcome: failed ? 'error' : 'success',
    status: failed ? 502 : 200,
    errorCode: failed ? 'upstream_error' : null,
    startedAt,
    endedAt: startedAt + 400 + (index % 900),
    durationMs: 400 + (index % 900),
    tags: [],
    // One attempt, or a failover that failed on two deployments.
    attempts: failed
      ? [
          { deployment: `${model}-0`, modelGroup: model, status: 502, errorCode: 'upstream_error', durationMs: 200 + (index % 300), fallback: false },
          { deployment: `${model}-1`, modelGroup: model, status: 502, errorCode: 'upstream_error', durationMs: 190 + (index % 300), fallback: false },
        ]
      : [{ deployment: `${model}-0`, modelGroup: model, status: 200, errorCode: null, durationMs: 390 + (index % 900), fallback: false }],
  };
}

/** The seeded database's path (seeding it first when no complete copy exists) and its last day. */
export async function seededSpendDatabase({ rows, log = () => {} }) {
  const now = new Date();
  const endDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const name = `switchyard-bench-spend-${rows}-m${MIGRATIONS.length}-${new Date(endDay).toISOString().slice(0, 10)}.db`;
  const path = join(tmpdir(), name);
  if (existsSync(path)) return { path, endDay, seededMs: 0 };
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const started = performance.now();
  const store = openSqliteStore({ url: `sqlite://${partial}`, baseDir: tmpdir() });
  const batch = 5000;
  for (let first = 0; first < rows; first += batch) {
    const records = [];
    for (let index = first; index < Math.min(rows, first + batch); index++) records.push(record(index, rows, endDay));
    await store.writeSpend(records);
    if (first % 200_000 === 0) log(`  seeding spend rows: ${first.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')}`);
  }
  await store.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, path);
  return { path, endDay, seededMs: performance.now() - started };
}
