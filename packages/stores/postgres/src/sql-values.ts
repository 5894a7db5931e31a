import { formatAttoUsd, parseAttoUsd, type AttoUsd } from '@switchyard/core';

/**
 * Conversions between the gateway's values and Postgres columns. Money goes as a decimal USD
 * string into numeric(38,18) and comes back exactly; times go as ISO 8601 (millisecond
 * precision both ways, so epoch ms round-trip unchanged).
 */
export function moneyToSql(atto: AttoUsd | null): string | null {
  return atto === null ? null : formatAttoUsd(atto);
}

export function moneyFromSql(value: string | null): AttoUsd | null {
  if (value === null) return null;
  const atto = parseAttoUsd(value);
  if (atto === undefined) throw new TypeError(`not a money value from the database: ${value}`);
  return atto;
}

export function timeToSql(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function timeFromSql(value: Date | null): number | null {
  return value === null ? null : value.getTime();
}

/** BIGINT comes back as a string (pg keeps 64-bit integers exact); counts and limits fit a double. */
export function integerFromSql(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
