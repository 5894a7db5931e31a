import type Database from 'better-sqlite3';
import type { KeyRecord, TeamRecord, UserRecord } from '@switchyard/core';
import { RecordTable } from './record-table.js';

export interface RecordTables {
  readonly keys: RecordTable<KeyRecord>;
  readonly teams: RecordTable<TeamRecord>;
  readonly users: RecordTable<UserRecord>;
}

const BUDGET_COLUMNS = [
  { column: 'budget_duration', field: 'budgetDuration' },
  { column: 'budget_reset_at', field: 'budgetResetAt' },
  { column: 'created_at', field: 'createdAt' },
] as const;

export function recordTables(database: Database.Database): RecordTables {
  return {
    keys: new RecordTable<KeyRecord>(database, {
      table: 'keys',
      idColumn: 'token_hash',
      idField: 'tokenHash',
      columns: [{ column: 'key_alias', field: 'keyAlias' }, { column: 'user_id', field: 'userId' }, { column: 'team_id', field: 'teamId' }, ...BUDGET_COLUMNS],
    }),
    teams: new RecordTable<TeamRecord>(database, { table: 'teams', idColumn: 'team_id', idField: 'teamId', columns: BUDGET_COLUMNS }),
    users: new RecordTable<UserRecord>(database, { table: 'users', idColumn: 'user_id', idField: 'userId', columns: BUDGET_COLUMNS }),
  };
}
