import type pg from 'pg';
import type { Listed } from '@switchyard/core';
import { mapDatabaseError } from '../map-database-error.js';
import { withTransaction } from '../with-transaction.js';
import { recordFromSql, recordToSql, valueToSql, type RecordTable } from './record-table.js';

type Row = Readonly<Record<string, unknown>>;

/** Create, read, update, delete and list for one record table; every error mapped to the store errors. */
export class RecordQueries<R> {
  private readonly name: string;
  private readonly idColumn: string;
  private readonly insertSql: string;

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
    private readonly table: RecordTable<R>,
  ) {
    this.name = `${schema}.${table.table}`;
    this.idColumn = table.columns[0]!.column;
    const columns = table.columns.map((spec) => spec.column);
    this.insertSql = `INSERT INTO ${this.name} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING *`;
  }

  async insert(record: R): Promise<R> {
    try {
      const { rows } = await this.pool.query<Row>(this.insertSql, recordToSql(this.table, record));
      return recordFromSql(this.table, rows[0]!);
    } catch (error) {
      throw mapDatabaseError(error, `create ${this.table.table}`);
    }
  }

  async findBy(column: string, value: string): Promise<R | undefined> {
    try {
      const { rows } = await this.pool.query<Row>(`SELECT * FROM ${this.name} WHERE ${column} = $1`, [value]);
      return rows[0] === undefined ? undefined : recordFromSql(this.table, rows[0]);
    } catch (error) {
      throw mapDatabaseError(error, `read ${this.table.table}`);
    }
  }

  /** Locks the row, applies the fields the patch gives (undefined = keep), writes them back. */
  async update(id: string, patch: Readonly<Partial<R>>): Promise<R | undefined> {
    const changes = Object.entries(patch).filter(([, value]) => value !== undefined);
    try {
      return await withTransaction(this.pool, async (client) => {
        const current = await client.query<Row>(`SELECT * FROM ${this.name} WHERE ${this.idColumn} = $1 FOR UPDATE`, [id]);
        if (current.rows[0] === undefined) return undefined;
        const assignments: string[] = [];
        const values: unknown[] = [id];
        for (const [field, value] of changes) {
          const spec = this.table.columns.find((column) => column.field === field);
          if (spec === undefined) continue;
          values.push(valueToSql(spec.kind, value));
          assignments.push(`${spec.column} = $${values.length}`);
        }
        if (assignments.length === 0) return recordFromSql(this.table, current.rows[0]);
        const { rows } = await client.query<Row>(`UPDATE ${this.name} SET ${assignments.join(', ')} WHERE ${this.idColumn} = $1 RETURNING *`, values);
        return recordFromSql(this.table, rows[0]!);
      });
    } catch (error) {
      throw mapDatabaseError(error, `update ${this.table.table}`);
    }
  }

  async deleteMany(ids: readonly string[]): Promise<readonly string[]> {
    if (ids.length === 0) return [];
    try {
      const { rows } = await this.pool.query<Row>(`DELETE FROM ${this.name} WHERE ${this.idColumn} = ANY($1::text[]) RETURNING ${this.idColumn} AS id`, [ids]);
      const deleted = new Set(rows.map((row) => String(row.id)));
      return ids.filter((id, index) => deleted.has(id) && ids.indexOf(id) === index);
    } catch (error) {
      throw mapDatabaseError(error, `delete ${this.table.table}`);
    }
  }

  /** `filters` are `column = $n` conditions (or any SQL with `?` for the value). */
  async list(options: { filters: readonly (readonly [string, unknown])[]; orderBy: string; offset: number; limit: number }): Promise<Listed<R>> {
    const values: unknown[] = [];
    const where = options.filters.map(([sql, value]) => {
      values.push(value);
      return sql.replace('?', `$${values.length}`);
    });
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    try {
      const [page, count] = await Promise.all([
        this.pool.query<Row>(`SELECT * FROM ${this.name} ${whereSql} ORDER BY ${options.orderBy} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
          [...values, options.limit, options.offset]),
        this.pool.query<{ total: number }>(`SELECT count(*)::integer AS total FROM ${this.name} ${whereSql}`, values),
      ]);
      return { records: page.rows.map((row) => recordFromSql(this.table, row)), total: count.rows[0]?.total ?? 0 };
    } catch (error) {
      throw mapDatabaseError(error, `list ${this.table.table}`);
    }
  }
}
