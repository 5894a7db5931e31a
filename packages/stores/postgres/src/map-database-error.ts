import { GatewayError, isGatewayError } from '@switchyard/core';

/** Postgres SQLSTATE classes and Node socket codes that mean "the database is not reachable now". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|connection timeout/i;

/**
 * Turns a pg error into the store errors of core: a unique violation into `duplicate_record`,
 * a lost or refused connection into `store_unavailable`. The message names what failed, never
 * the URL or a value from the row (a key hash is not a secret, but the rule is simple).
 */
export function mapDatabaseError(error: unknown, what: string): Error {
  if (isGatewayError(error)) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === '23505') {
    const constraint = (error as { constraint?: string }).constraint ?? 'a unique field';
    return new GatewayError('duplicate_record', `${what}: a record with the same ${describeConstraint(constraint)} already exists`, { cause: error });
  }
  if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE.has(code) || UNAVAILABLE_MESSAGE.test(message)) {
    return new GatewayError('store_unavailable', `${what}: the Postgres database cannot be reached (${code || 'connection lost'})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}

function describeConstraint(constraint: string): string {
  if (constraint.endsWith('_pkey')) return 'id';
  if (constraint.includes('alias')) return 'alias';
  return constraint;
}
