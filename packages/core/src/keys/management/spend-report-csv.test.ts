import { describe, expect, it } from 'vitest';
import type { SpendRollupRow } from '../../stores/spend-store.js';
import { spendReportCsv } from './spend-report-csv.js';

const row = (overrides: Partial<SpendRollupRow>): SpendRollupRow => ({
  day: '2026-12-01', id: 'team-a', model: 'gpt-4o-mini', requests: 3, failures: 1, inputTokens: 30, outputTokens: 6,
  cachedInputTokens: 10, reasoningTokens: 2, spend: 12_345_000_000_000n, ...overrides,
});

describe('spendReportCsv', () => {
  it('writes one CRLF line per row with the exact decimal USD, after a header', () => {
    expect(spendReportCsv([row({}), row({ day: '2026-12-02', spend: 10n ** 18n * 9_000n + 1n })], 'team')).toBe(
      'day,team_id,model,requests,failures,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,spend_usd\r\n' +
        '2026-12-01,team-a,gpt-4o-mini,3,1,30,6,10,2,0.000012345\r\n' +
        '2026-12-02,team-a,gpt-4o-mini,3,1,30,6,10,2,9000.000000000000000001\r\n',
    );
    expect(spendReportCsv([], 'key')).toBe('day,key_hash,model,requests,failures,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,spend_usd\r\n');
  });

  it('quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula', () => {
    const lines = spendReportCsv([row({ id: '=HYPERLINK("http://x")', model: 'a,b' }), row({ id: '+1', model: 'line\nbreak' }), row({ id: '@sum', model: '-2' })], 'team').split('\r\n');
    expect(lines[1]).toBe(`2026-12-01,"'=HYPERLINK(""http://x"")","a,b",3,1,30,6,10,2,0.000012345`);
    expect(lines[2]).toBe(`2026-12-01,'+1,"line\nbreak",3,1,30,6,10,2,0.000012345`);
    expect(lines[3]).toBe(`2026-12-01,'@sum,'-2,3,1,30,6,10,2,0.000012345`);
  });
});
