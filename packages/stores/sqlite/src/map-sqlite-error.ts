import { GatewayError, isGatewayError } from '@switchyard/core';

/** A uniqueness violation → `duplicate_record`; anything else the database threw → `store_unavailable`. */
export function mapSqliteError(error: unknown, what: string): GatewayError {
  if (isGatewayError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new GatewayError('duplicate_record', `${what}: a record with this id or alias already exists.`, { cause: error });
  }
  return new GatewayError('store_unavailable', `${what}: the SQLite database failed (${typeof code === 'string' ? code : 'error'}).`, { cause: error });
}

/** Runs a synchronous store step as a promise, its errors mapped. */
export function settle<T>(what: string, step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(mapSqliteError(error, what));
  }
}
