import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../http/gateway-response.js';
import { createRedactor } from './create-redactor.js';
import { redactStreamErrors } from './redact-stream-errors.js';
import { safeErrorCode } from './safe-error-code.js';

const KEY = 'upstream-secret-Kq7Zp2Lm';
const redactor = createRedactor({ secrets: [KEY] });

async function collect(events: AsyncIterable<SseEvent>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of redactStreamErrors(events, redactor)) out.push(event);
  return out;
}

async function* from(events: SseEvent[]): AsyncGenerator<SseEvent> {
  yield* events;
}

describe('redactStreamErrors', () => {
  it('redacts chat error chunks and Responses error / response.failed events, and passes success events as they are', async () => {
    const chunk = { data: { choices: [{ index: 0, delta: { content: `echo ${KEY}` } }] } };
    const events: SseEvent[] = [
      chunk,
      { data: { error: { message: `bad key ${KEY}`, type: KEY, code: KEY, param: { nested: [KEY] } } } },
      { event: 'error', data: { type: 'error', code: KEY, message: 'x', param: null, sequence_number: 3 } },
      { event: 'response.failed', data: { type: 'response.failed', response: { status: 'failed', error: { code: 'server_error', message: `sk-proj-abcdef123456` } } } },
      { data: '[DONE]' },
    ];
    const out = await collect(from(events));
    expect(out[0]).toBe(chunk);
    expect(JSON.stringify(out.slice(1))).not.toContain(KEY);
    expect(JSON.stringify(out.slice(1))).not.toContain('sk-proj');
    expect(out[1]).toEqual({ data: { error: { message: 'bad key [redacted]', type: '[redacted]', code: '[redacted]', param: { nested: ['[redacted]'] } } } });
    expect(out[4]).toEqual({ data: '[DONE]' });
  });

  it('closes the upstream when the consumer stops early', async () => {
    let closed = false;
    async function* upstream(): AsyncGenerator<SseEvent> {
      try {
        yield { data: {} };
        yield { data: {} };
      } finally {
        closed = true;
      }
    }
    for await (const _event of redactStreamErrors(upstream(), redactor)) break;
    expect(closed).toBe(true);
  });
});

describe('safeErrorCode', () => {
  it('keeps gateway and code-shaped upstream codes, and replaces anything holding a credential', () => {
    expect(safeErrorCode('model_not_found', redactor)).toBe('model_not_found');
    expect(safeErrorCode('rate_limit_exceeded', redactor)).toBe('rate_limit_exceeded');
    expect(safeErrorCode(KEY, redactor)).toBe('upstream_error');
    expect(safeErrorCode('[redacted]', redactor)).toBe('upstream_error');
    expect(safeErrorCode('sk-proj-abcdef123456', redactor)).toBe('upstream_error');
    expect(safeErrorCode('Incorrect API key provided', redactor)).toBe('upstream_error');
  });
});
