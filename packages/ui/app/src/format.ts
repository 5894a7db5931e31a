/** USD per token → USD per 1M tokens, without float noise (2.5e-6 → "2.5"). */
export function perMillion(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `$${trim(rate * 1_000_000)}`;
}

/** A dollar amount as spend shows it: up to 6 decimals for small amounts. */
export function usd(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const amount = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(amount)) return String(value);
  if (amount === 0) return '$0';
  if (Math.abs(amount) < 0.01) return `$${trim(amount, 4)}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

export function tokens(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value >= 1_000_000) return `${trim(value / 1_000_000, 3)}M`;
  if (value >= 1_000) return `${trim(value / 1_000, 3)}k`;
  return String(value);
}

export function dateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function trim(value: number, significant = 12): string {
  return String(Number(value.toPrecision(significant)));
}
