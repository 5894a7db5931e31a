import type pg from 'pg';
import type {
  AttoUsd,
  DataStore, DueBudget, KeyListQuery, KeyPatch, KeyRecord, Listed, ListPage, SpendLogPage, SpendLogQuery, SpendRecord,
  SpendReportQuery, SpendRollupRow, SpendSummary, SpendSummaryQuery, SpendWriteResult, TeamPatch, TeamRecord, UserPatch, UserRecord,
} from '@switchyard/core';
import { mapDatabaseError } from './map-database-error.js';
import type { MigrationReport } from './migrations/run-migrations.js';
import type { ResolvedPostgresOptions } from './postgres-store-options.js';
import { quoteIdentifier } from './quote-identifier.js';
import { dueBudgets, resetBudget } from './records/budget-resets.js';
import { RecordQueries } from './records/record-queries.js';
import { replaceKeyHash } from './records/replace-key-hash.js';
import { KEYS, TEAMS, USERS } from './records/tables.js';
import { redactDatabaseUrl } from './redact-database-url.js';
import { insertSpendBatch } from './spend/insert-spend-batch.js';
import { querySpendLogs } from './spend/query-spend-logs.js';
import { spendTotal } from './spend/spend-total.js';
import { spendReport } from './spend/spend-report.js';
import { spendSummary } from './spend/spend-summary.js';

/**
 * Keys, teams, users and spend in one Postgres schema over one bounded pool. Built by
 * `openPostgresStore()`, which validates the options and migrates first.
 */
export class PostgresDataStore implements DataStore {
  readonly description: string;
  /** The schema name, quoted for SQL. */
  readonly schema: string;
  private readonly keys: RecordQueries<KeyRecord>;
  private readonly teams: RecordQueries<TeamRecord>;
  private readonly users: RecordQueries<UserRecord>;
  private closed: Promise<void> | undefined;

  constructor(
    readonly options: ResolvedPostgresOptions,
    readonly pool: pg.Pool,
    readonly migrations: MigrationReport,
  ) {
    this.schema = quoteIdentifier(options.schema);
    this.description = `${redactDatabaseUrl(options.connectionString)} (schema ${options.schema}, pool ${options.poolSize})`;
    this.keys = new RecordQueries(pool, this.schema, KEYS);
    this.teams = new RecordQueries(pool, this.schema, TEAMS);
    this.users = new RecordQueries(pool, this.schema, USERS);
  }

  createKey(record: KeyRecord): Promise<KeyRecord> {
    return this.keys.insert(record);
  }
  getKey(tokenHash: string): Promise<KeyRecord | undefined> {
    return this.keys.findBy('token_hash', tokenHash);
  }
  getKeyByAlias(keyAlias: string): Promise<KeyRecord | undefined> {
    return this.keys.findBy('key_alias', keyAlias);
  }
  updateKey(tokenHash: string, patch: KeyPatch): Promise<KeyRecord | undefined> {
    return this.keys.update(tokenHash, patch);
  }
  replaceKeyHash(oldHash: string, next: { readonly tokenHash: string; readonly keyName: string; readonly patch?: KeyPatch }): Promise<KeyRecord | undefined> {
    return this.guard('regenerate key', () => replaceKeyHash(this.pool, this.schema, oldHash, next));
  }
  deleteKeys(tokenHashes: readonly string[]): Promise<readonly string[]> {
    return this.keys.deleteMany(tokenHashes);
  }
  listKeys(query: KeyListQuery): Promise<Listed<KeyRecord>> {
    const filters: (readonly [string, unknown])[] = [];
    if (query.userId !== undefined) filters.push(['user_id = ?', query.userId]);
    if (query.teamId !== undefined) filters.push(['team_id = ?', query.teamId]);
    if (query.keyAlias !== undefined) filters.push(['key_alias = ?', query.keyAlias]);
    return this.keys.list({ filters, orderBy: 'created_at DESC, token_hash DESC', offset: query.offset, limit: query.limit });
  }

  createTeam(record: TeamRecord): Promise<TeamRecord> {
    return this.teams.insert(record);
  }
  getTeam(teamId: string): Promise<TeamRecord | undefined> {
    return this.teams.findBy('team_id', teamId);
  }
  updateTeam(teamId: string, patch: TeamPatch): Promise<TeamRecord | undefined> {
    return this.teams.update(teamId, patch);
  }
  deleteTeams(teamIds: readonly string[]): Promise<readonly string[]> {
    return this.teams.deleteMany(teamIds);
  }
  listTeams(query: ListPage): Promise<Listed<TeamRecord>> {
    return this.teams.list({ filters: [], orderBy: 'created_at, team_id', offset: query.offset, limit: query.limit });
  }

  createUser(record: UserRecord): Promise<UserRecord> {
    return this.users.insert(record);
  }
  getUser(userId: string): Promise<UserRecord | undefined> {
    return this.users.findBy('user_id', userId);
  }
  updateUser(userId: string, patch: UserPatch): Promise<UserRecord | undefined> {
    return this.users.update(userId, patch);
  }
  deleteUsers(userIds: readonly string[]): Promise<readonly string[]> {
    return this.users.deleteMany(userIds);
  }
  listUsers(query: ListPage & { readonly teamId?: string }): Promise<Listed<UserRecord>> {
    const filters: (readonly [string, unknown])[] = query.teamId === undefined ? [] : [['teams @> ARRAY[?]::text[]', query.teamId]];
    return this.users.list({ filters, orderBy: 'created_at, user_id', offset: query.offset, limit: query.limit });
  }

  dueBudgets(now: number, limit: number): Promise<readonly DueBudget[]> {
    return this.guard('list due budgets', () => dueBudgets(this.pool, this.schema, now, limit));
  }
  resetBudget(due: DueBudget, nextResetAt: number): Promise<boolean> {
    return this.guard('reset budget', () => resetBudget(this.pool, this.schema, due, nextResetAt));
  }

  writeSpend(records: readonly SpendRecord[]): Promise<SpendWriteResult> {
    return this.guard('write spend', () => insertSpendBatch(this.pool, this.schema, records));
  }
  querySpendLogs(query: SpendLogQuery): Promise<SpendLogPage> {
    return this.guard('query spend logs', () => querySpendLogs(this.pool, this.schema, query));
  }
  spendReport(query: SpendReportQuery): Promise<readonly SpendRollupRow[]> {
    return this.guard('spend report', () => spendReport(this.pool, this.schema, query));
  }
  spendSummary(query: SpendSummaryQuery): Promise<SpendSummary> {
    return this.guard('spend summary', () => spendSummary(this.pool, this.schema, query));
  }
  spendTotal(query: { readonly from: number }): Promise<AttoUsd> {
    return this.guard('spend total', () => spendTotal(this.pool, this.schema, query));
  }

  /** The pool's depth, for metrics and /health: connections open, idle, and queries waiting for one. */
  poolStats(): { readonly max: number; readonly open: number; readonly idle: number; readonly waiting: number } {
    return { max: this.options.poolSize, open: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  ping(): Promise<void> {
    return this.guard('ping', async () => {
      await this.pool.query('SELECT 1');
    });
  }

  /** Ends the pool once; later calls wait for the same close. */
  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }

  private async guard<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapDatabaseError(error, what);
    }
  }
}
