import type { SpendRollupRow } from '../../stores/spend-store.js';
import { formatAttoUsd } from '../../cost/atto-usd.js';

const SPREADSHEET_FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (a leading = + - @, tab or CR) gets a leading `'`, since
 * team ids and model names are whatever a user typed.
 */
function field(value: string): string {
  const text = SPREADSHEET_FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * `GET /global/spend/report?format=csv`: every rollup row of the range as a CSV line, the exact
 * decimal USD in `spend_usd`. Built on the server from the store's rows (a few hundred
 * thousand lines for a big fleet over 90 days), so the browser downloads text instead of
 * parsing the JSON report and building the file itself.
 */
export function spendReportCsv(rows: readonly SpendRollupRow[], groupBy: 'key' | 'team'): string {
  const lines = [`day,${groupBy === 'key' ? 'key_hash' : 'team_id'},model,requests,failures,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,spend_usd`];
  for (const row of rows) {
    lines.push(
      `${row.day},${field(row.id)},${field(row.model)},${row.requests},${row.failures},${row.inputTokens},${row.outputTokens},${row.cachedInputTokens},${row.reasoningTokens},${formatAttoUsd(row.spend)}`,
    );
  }
  lines.push('');
  return lines.join('\r\n');
}
