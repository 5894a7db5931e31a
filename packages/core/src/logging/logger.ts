import { pino } from 'pino';

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
      redact: {
        paths: ['apiKey', 'api_key', '*.apiKey', '*.api_key', 'authorization', '*.authorization', 'headers.authorization', 'masterKey', 'master_key'],
        censor: '[redacted]',
      },
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
