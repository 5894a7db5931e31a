import type Database from 'better-sqlite3';
import { recordFromJson, recordToJson, type BudgetFields } from '@switchyard/core';

type Row = Record<string, unknown> & { readonly spend: string; readonly record: string };

export interface RecordTableSpec<T> {
  readonly table: string;
  readonly idColumn: string;
  readonly idField: keyof T & string;
  /** Fields kept in a column of their own (filters, uniqueness, resets); the rest go in `record`. */
  readonly columns: readonly { readonly column: string; readonly field: keyof T & string }[];
}

/**
 * A keys, teams or users table: the queried fields as columns, `spend` as exact TEXT, and the
 * rest of the record as JSON. All methods are synchronous; callers run them inside transactions.
 */
export class RecordTable<T extends BudgetFields> {
  readonly #database: Database.Database;
  readonly #spec: RecordTableSpec<T>;
  readonly #columnFields: ReadonlySet<string>;
  readonly #insert: Database.Statement;
  readonly #select: Database.Statement<[string], Row>;
  readonly #delete: Database.Statement<[string]>;
  readonly #reset: Database.Statement<[number, string, number]>;

  constructor(database: Database.Database, spec: RecordTableSpec<T>) {
    this.#database = database;
    this.#spec = spec;
    this.#columnFields = new Set([spec.idField, 'spend', ...spec.columns.map((entry) => entry.field)]);
    const names = [spec.idColumn, ...spec.columns.map((entry) => entry.column), 'spend', 'record'];
    this.#insert = database.prepare(`INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})`);
    this.#select = database.prepare(`SELECT * FROM ${spec.table} WHERE ${spec.idColumn} = ?`);
    this.#delete = database.prepare(`DELETE FROM ${spec.table} WHERE ${spec.idColumn} = ?`);
    this.#reset = database.prepare(`UPDATE ${spec.table} SET spend = '0', budget_reset_at = ? WHERE ${spec.idColumn} = ? AND budget_reset_at = ?`);
  }

  get table(): string {
    return this.#spec.table;
  }

  insert(record: T): T {
    this.#insert.run(this.#toRow(record));
    return record;
  }

  get(id: string): T | undefined {
    const row = this.#select.get(id);
    return row === undefined ? undefined : this.fromRow(row);
  }

  /** Rows by a WHERE clause over the table's columns (`sql` after WHERE, with its ORDER BY and LIMIT). */
  where(sql: string, ...parameters: unknown[]): T[] {
    const rows = this.#database.prepare<unknown[], Row>(`SELECT * FROM ${this.#spec.table} WHERE ${sql}`).all(...parameters);
    return rows.map((row) => this.fromRow(row));
  }

  count(sql: string, ...parameters: unknown[]): number {
    const row = this.#database.prepare<unknown[], { total: number }>(`SELECT COUNT(*) AS total FROM ${this.#spec.table} WHERE ${sql}`).get(...parameters);
    return row?.total ?? 0;
  }

  /** Replaces the row with `id` by `record` (which may carry a new id); false when none. */
  replace(id: string, record: T): boolean {
    if (this.#delete.run(id).changes === 0) return false;
    this.#insert.run(this.#toRow(record));
    return true;
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  resetBudget(id: string, expectedResetAt: number, nextResetAt: number): boolean {
    return this.#reset.run(nextResetAt, id, expectedResetAt).changes > 0;
  }

  fromRow(row: Row): T {
    const record = recordFromJson<Record<string, unknown>>(row.record);
    record[this.#spec.idField] = row[this.#spec.idColumn];
    for (const { column, field } of this.#spec.columns) record[field] = row[column] ?? null;
    record.spend = BigInt(row.spend);
    return record as T;
  }

  #toRow(record: T): Record<string, unknown> {
    const rest: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) if (!this.#columnFields.has(field)) rest[field] = value;
    const row: Record<string, unknown> = { [this.#spec.idColumn]: record[this.#spec.idField], spend: record.spend.toString(), record: recordToJson(rest) };
    for (const { column, field } of this.#spec.columns) row[column] = record[field] ?? null;
    return row;
  }
}
