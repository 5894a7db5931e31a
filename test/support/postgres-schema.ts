import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresUrl } from './services.js';

/** `<suite>_<random>`: a schema of its own per suite run, so suites run in parallel on one server. */
export function uniqueSchemaName(suite: string): string {
  return `${suite.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

/** Runs one statement on a short-lived connection (set-up and checks outside the store under test). */
export async function adminQuery<Row extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** The test Postgres URL with its host and port replaced (to route it through a TcpProxy). */
export function postgresUrlVia(address: string): string {
  const url = new URL(postgresUrl);
  url.host = address;
  return url.toString();
}
