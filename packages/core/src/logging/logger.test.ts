import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_LOG_PATHS } from './logger.js';

describe('the default logger redact paths', () => {
  it('mask credential fields at the top level, one level down and under headers', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' } }, { write: (line: string) => void lines.push(line) });
    logger.info({
      apiKey: 'k1',
      deployment: { api_key: 'k2', masterKey: 'k3' },
      headers: { authorization: 'Bearer k4', 'x-api-key': 'k5', 'api-key': 'k6', accept: 'json' },
      req: { headers: { authorization: 'Bearer k7', 'x-api-key': 'k8' } },
      'x-api-key': 'k9',
    }, 'line');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/k[0-9]/);
    expect(JSON.parse(lines[0]!).headers.accept).toBe('json');
  });
});
