import { describe, expect, it } from 'vitest';
import type { CostEvent } from '../cost/cost-event.js';
import { createAccessLog } from './access-log.js';

const event: CostEvent = {
  requestId: 'req_"quoted"\n',
  endpoint: 'chat.completions',
  model: 'gpt-4o-mini',
  deployment: 'gpt-1',
  provider: 'openai',
  stream: false,
  status: 200,
  outcome: 'success',
  errorCode: null,
  usage: { inputTokens: 12, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 3, reasoningTokens: 0 },
  cost: '0.0000036',
  serviceTier: null,
  durationMs: 2.5,
  overheadMs: 0.25,
  timeToFirstTokenMs: null,
  cache: 'miss',
  attempts: [{ deployment: 'gpt-1', modelGroup: 'gpt-4o-mini', status: 200, durationMs: 2, errorCode: null, fallback: false }],
};

describe('createAccessLog', () => {
  it('writes one JSON line per event with the fields an operator reads, escaping what the client sent', () => {
    const lines: string[] = [];
    createAccessLog({ write: (line) => lines.push(line) }, { clock: () => 42 })(event);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 30,
      time: 42,
      name: 'switchyard',
      msg: 'request',
      requestId: 'req_"quoted"\n',
      endpoint: 'chat.completions',
      model: 'gpt-4o-mini',
      modelGroup: 'gpt-4o-mini',
      deployment: 'gpt-1',
      provider: 'openai',
      stream: false,
      status: 200,
      outcome: 'success',
      errorCode: null,
      inputTokens: 12,
      outputTokens: 3,
      cost: '0.0000036',
      cache: 'miss',
      overheadMs: 0.25,
      durationMs: 2.5,
      attempts: 1,
      fallback: false,
    });
  });

  it('writes nulls for a request that failed before any deployment', () => {
    const lines: string[] = [];
    createAccessLog({ write: (line) => lines.push(line) })({ ...event, model: null, deployment: null, provider: null, usage: null, cost: null, cache: null, overheadMs: null, attempts: [], status: 404, outcome: 'error', errorCode: 'model_not_found' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ model: null, modelGroup: null, inputTokens: null, cost: null, attempts: 0, errorCode: 'model_not_found' });
  });
});
