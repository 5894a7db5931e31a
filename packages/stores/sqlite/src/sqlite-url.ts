import { isAbsolute, resolve } from 'node:path';
import { GatewayError } from '@switchyard/core';

/**
 * `sqlite://./switchyard.db` (relative to `baseDir`), `sqlite:///var/lib/switchyard.db`
 * (absolute), `sqlite://:memory:` (gone at close). Returns the path better-sqlite3 opens.
 */
export function sqlitePath(url: string, baseDir: string): string {
  const match = /^sqlite:(?:\/\/)?(.*)$/i.exec(url.trim());
  const rest = match?.[1];
  if (rest === undefined || rest === '') {
    throw new GatewayError('invalid_config', `general_settings.database_url "${url}" is not a SQLite URL: write sqlite://./switchyard.db or sqlite:///absolute/path.db.`);
  }
  if (rest === ':memory:') return rest;
  const path = decodeURIComponent(rest.split('?')[0]!);
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
