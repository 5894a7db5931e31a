import type { ModelBudget } from '@switchyard/core';
import { integerFromSql, moneyFromSql, moneyToSql, timeFromSql, timeToSql } from '../sql-values.js';

/** How a record field is kept in its column. */
export type ColumnKind = 'text' | 'money' | 'time' | 'integer' | 'boolean' | 'json' | 'textArray' | 'modelBudgets';

export interface ColumnSpec {
  readonly column: string;
  readonly field: string;
  readonly kind: ColumnKind;
}

/** A record type's table: its columns in order, the first being the primary key. */
export interface RecordTable<R> {
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
  /** Marks the type; never read. */
  readonly record?: R;
}

export function recordTable<R>(table: string, columns: readonly (readonly [string, string, ColumnKind])[]): RecordTable<R> {
  return { table, columns: columns.map(([column, field, kind]) => ({ column, field, kind })) };
}

type Fields = Readonly<Record<string, unknown>>;

export function valueToSql(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return kind === 'json' || kind === 'modelBudgets' ? '{}' : null;
  switch (kind) {
    case 'money':
      return moneyToSql(value as bigint);
    case 'time':
      return timeToSql(value as number);
    case 'json':
      return JSON.stringify(value);
    case 'modelBudgets':
      return JSON.stringify(Object.fromEntries(Object.entries(value as Record<string, ModelBudget>).map(([model, budget]) => [
        model, { budget_limit: moneyToSql(budget.budgetLimit), time_period: budget.timePeriod },
      ])));
    default:
      return value;
  }
}

export function valueFromSql(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'money':
      return moneyFromSql(value as string);
    case 'time':
      return timeFromSql(value as Date);
    case 'integer':
      return integerFromSql(value as string);
    case 'modelBudgets':
      return Object.fromEntries(Object.entries(value as Record<string, { budget_limit: string; time_period: string | null }>).map(([model, budget]) => [
        model, { budgetLimit: moneyFromSql(budget.budget_limit), timePeriod: budget.time_period },
      ]));
    default:
      return value;
  }
}

export function recordToSql<R>(table: RecordTable<R>, record: R): unknown[] {
  const fields = record as Fields;
  return table.columns.map((spec) => valueToSql(spec.kind, fields[spec.field]));
}

export function recordFromSql<R>(table: RecordTable<R>, row: Fields): R {
  const record: Record<string, unknown> = {};
  for (const spec of table.columns) record[spec.field] = valueFromSql(spec.kind, row[spec.column]);
  return record as R;
}
