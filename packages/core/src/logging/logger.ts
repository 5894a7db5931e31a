import { pino } from 'pino';
import { REDACTED } from '../redaction/key-patterns.js';

/**
 * Fields masked by name in every line of the default logger: keys, credential headers (OpenAI
 * `authorization`, Anthropic `x-api-key`, Azure `api-key`), at the top level or one level down
 * (`{ headers: { authorization } }`, `{ req: { headers } }`). Values that come from upstreams
 * are redacted by value before they are logged at all (see docs/security.md).
 */
const CREDENTIAL_FIELDS = ['apiKey', 'api_key', 'masterKey', 'master_key', 'authorization', 'password', 'secret', '"x-api-key"', '"api-key"'];
export const REDACTED_LOG_PATHS: readonly string[] = [
  ...CREDENTIAL_FIELDS,
  ...CREDENTIAL_FIELDS.map((field) => `*.${field}`),
  ...CREDENTIAL_FIELDS.map((field) => `headers.${field}`),
  ...CREDENTIAL_FIELDS.map((field) => `*.headers.${field}`),
].map((path) => path.replace(/\."(.*)"$/, '["$1"]').replace(/^"(.*)"$/, '["$1"]'));

/**
 * The logging surface core uses: pino's `(object, message)` signature, so a host can pass its
 * own pino (or any compatible) logger. Never log request bodies, headers or keys.
 */
export interface Logger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
  child?(bindings: object): Logger;
}

/** Defaults to JSON lines on stderr at `info`, or `SWITCHYARD_LOG_LEVEL`. */
export function createDefaultLogger(): Logger {
  return pino(
    {
      name: 'switchyard',
      level: process.env.SWITCHYARD_LOG_LEVEL ?? 'info',
      // Belt and braces: even if a caller logs an object holding these, they are masked.
      redact: { paths: [...REDACTED_LOG_PATHS], censor: REDACTED },
    },
    pino.destination({ dest: 2, sync: false }),
  );
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
