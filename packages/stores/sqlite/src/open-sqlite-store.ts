import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GatewayError, type DataStore, type DataStoreOpenOptions, type DueBudget, type KeyRecord, type TeamRecord, type UserRecord } from '@switchyard/core';
import { settle } from './map-sqlite-error.js';
import { migrate } from './migrations.js';
import { recordTables } from './record-tables.js';
import { querySpendLogs, spendReport } from './spend-queries.js';
import { createSpendSummary } from './spend-summary.js';
import { createSpendTotal } from './spend-total.js';
import { createSpendWriter } from './spend-writer.js';
import { sqlitePath } from './sqlite-url.js';

/**
 * Opens (creating it if needed) the SQLite database of `options.url`: WAL journal, pending
 * migrations applied, then keys, teams, users and spend served from it. better-sqlite3 is
 * synchronous; the request path never waits on it (keys come from the cache, spend from the
 * outbox), so its short blocking calls happen off the hot path.
 */
export function openSqliteStore(options: Pick<DataStoreOpenOptions, 'url' | 'baseDir'>): DataStore {
  const path = sqlitePath(options.url, options.baseDir);
  let database: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    database = new Database(path);
    database.pragma('journal_mode = WAL');
    // NORMAL under WAL: a crash may lose the last transactions, never corrupt the file; the
    // outbox keeps spend until a write is acknowledged.
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.function('atto_add', { deterministic: true }, (left: unknown, right: unknown) => (BigInt(String(left)) + BigInt(String(right))).toString());
    database.aggregate('atto_sum', {
      deterministic: true,
      start: () => 0n,
      step: (total: bigint, next: unknown) => (next === null ? total : total + BigInt(String(next))),
      result: (total: bigint) => total.toString(),
    });
    migrate(database);
  } catch (error) {
    throw new GatewayError('store_unavailable', `Cannot open the SQLite database at ${path}: ${(error as Error).message}`, { cause: error });
  }
  const db = database;
  const { keys, teams, users } = recordTables(db);
  const writeSpend = createSpendWriter(db);
  const spendSummary = createSpendSummary(db);
  const spendTotal = createSpendTotal(db);
  const linkUser = db.prepare('INSERT OR IGNORE INTO user_teams (user_id, team_id) VALUES (?, ?)');
  const unlinkUser = db.prepare('DELETE FROM user_teams WHERE user_id = ?');
  const setUserTeams = (record: UserRecord): void => {
    unlinkUser.run(record.userId);
    for (const team of record.teams) linkUser.run(record.userId, team);
  };
  const transaction = <A extends unknown[], R>(step: (...parameters: A) => R) => {
    const wrapped = db.transaction(step);
    return (...parameters: A): R => wrapped.immediate(...parameters);
  };
  const update = <T extends KeyRecord | TeamRecord | UserRecord>(table: { get(id: string): T | undefined; replace(id: string, record: T): boolean }, after?: (record: T) => void) =>
    transaction((id: string, patch: Partial<T>): T | undefined => {
      const current = table.get(id);
      if (current === undefined) return undefined;
      const next = { ...current, ...definedFields(patch) };
      table.replace(id, next);
      after?.(next);
      return next;
    });
  const updateKey = update(keys);
  const updateTeam = update(teams);
  const updateUser = update(users, setUserTeams);
  const createUser = transaction((record: UserRecord) => {
    users.insert(record);
    setUserTeams(record);
    return record;
  });
  const deleteAll = (table: { delete(id: string): boolean }, after?: (id: string) => void) =>
    transaction((ids: readonly string[]) => ids.filter((id) => {
      const deleted = table.delete(id);
      if (deleted) after?.(id);
      return deleted;
    }));
  const replaceKeyHash = transaction((oldHash: string, next: { tokenHash: string; keyName: string; patch?: Partial<KeyRecord> }) => {
    const current = keys.get(oldHash);
    if (current === undefined) return undefined;
    const record: KeyRecord = { ...current, ...definedFields(next.patch ?? {}), tokenHash: next.tokenHash, keyName: next.keyName };
    keys.replace(oldHash, record);
    return record;
  });
  const list = <T extends KeyRecord | TeamRecord | UserRecord>(table: { where(sql: string, ...p: unknown[]): T[]; count(sql: string, ...p: unknown[]): number }, conditions: [string, unknown][], order: string, page: { offset: number; limit: number }) => {
    const where = conditions.length === 0 ? '1 = 1' : conditions.map(([sql]) => sql).join(' AND ');
    const values = conditions.map(([, value]) => value);
    return { records: table.where(`${where} ORDER BY ${order} LIMIT ? OFFSET ?`, ...values, page.limit, page.offset), total: table.count(where, ...values) };
  };
  const dueStatement = db.prepare<[number, number, number, number], DueBudget>(`
    SELECT * FROM (
      SELECT 'key' AS owner, token_hash AS id, budget_duration AS budgetDuration, budget_reset_at AS budgetResetAt FROM keys WHERE budget_reset_at <= ? AND budget_duration IS NOT NULL
      UNION ALL SELECT 'team', team_id, budget_duration, budget_reset_at FROM teams WHERE budget_reset_at <= ? AND budget_duration IS NOT NULL
      UNION ALL SELECT 'user', user_id, budget_duration, budget_reset_at FROM users WHERE budget_reset_at <= ? AND budget_duration IS NOT NULL
    ) ORDER BY budgetResetAt, owner, id LIMIT ?`);
  const tableOf = { key: keys, team: teams, user: users };

  return {
    description: `sqlite:${path}`,
    createKey: (record) => settle('create key', () => keys.insert(record)),
    getKey: (tokenHash) => settle('read key', () => keys.get(tokenHash)),
    getKeyByAlias: (keyAlias) => settle('read key', () => keys.where('key_alias = ?', keyAlias)[0]),
    updateKey: (tokenHash, patch) => settle('update key', () => updateKey(tokenHash, patch)),
    replaceKeyHash: (oldHash, next) => settle('regenerate key', () => replaceKeyHash(oldHash, next)),
    deleteKeys: (tokenHashes) => settle('delete keys', () => deleteAll(keys)(tokenHashes)),
    listKeys: (query) =>
      settle('list keys', () => {
        const conditions: [string, unknown][] = [];
        if (query.userId !== undefined) conditions.push(['user_id = ?', query.userId]);
        if (query.teamId !== undefined) conditions.push(['team_id = ?', query.teamId]);
        if (query.keyAlias !== undefined) conditions.push(['key_alias = ?', query.keyAlias]);
        return list(keys, conditions, 'created_at DESC, token_hash DESC', query);
      }),
    createTeam: (record) => settle('create team', () => teams.insert(record)),
    getTeam: (teamId) => settle('read team', () => teams.get(teamId)),
    updateTeam: (teamId, patch) => settle('update team', () => updateTeam(teamId, patch)),
    deleteTeams: (teamIds) => settle('delete teams', () => deleteAll(teams)(teamIds)),
    listTeams: (query) => settle('list teams', () => list(teams, [], 'created_at, team_id', query)),
    createUser: (record) => settle('create user', () => createUser(record)),
    getUser: (userId) => settle('read user', () => users.get(userId)),
    updateUser: (userId, patch) => settle('update user', () => updateUser(userId, patch)),
    deleteUsers: (userIds) => settle('delete users', () => deleteAll(users, (id) => unlinkUser.run(id))(userIds)),
    listUsers: (query) =>
      settle('list users', () => {
        const conditions: [string, unknown][] = [];
        if (query.teamId !== undefined) conditions.push(['user_id IN (SELECT user_id FROM user_teams WHERE team_id = ?)', query.teamId]);
        return list(users, conditions, 'created_at, user_id', query);
      }),
    dueBudgets: (now, limit) => settle('read due budgets', () => dueStatement.all(now, now, now, limit)),
    resetBudget: (due, nextResetAt) => settle('reset budget', () => tableOf[due.owner].resetBudget(due.id, due.budgetResetAt, nextResetAt)),
    writeSpend: (records) => settle('write spend', () => writeSpend(records)),
    querySpendLogs: (query) => settle('query spend logs', () => querySpendLogs(db, query)),
    spendReport: (query) => settle('spend report', () => spendReport(db, query)),
    spendSummary: (query) => settle('spend summary', () => spendSummary(query)),
    spendTotal: (query) => settle('spend total', () => spendTotal(query)),
    ping: () => settle('ping', () => void db.prepare('SELECT 1').get()),
    close: () => settle('close', () => (db.open ? void db.close() : undefined)),
  };
}

/** A patch's fields that are set: `{ rpmLimit: undefined }` keeps the value, `null` clears it. */
function definedFields<T extends object>(patch: T): Partial<T> {
  const result: Partial<T> = {};
  for (const [field, value] of Object.entries(patch)) if (value !== undefined) (result as Record<string, unknown>)[field] = value;
  return result;
}
