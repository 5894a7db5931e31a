/**
 * Exact money arithmetic: amounts are BigInt atto-dollars (1 USD = 10^18 attoUSD). A price per
 * token is read from its shortest decimal form (`String(5e-6)` is "0.000005"), so 5e-6 becomes
 * exactly 5 000 000 000 000 attoUSD, with none of the binary drift of multiplying floats.
 */
export const ATTO_DIGITS = 18;
const DECIMAL = /^(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Parses a non-negative USD amount (a JSON number or a numeric string) into attoUSD. Digits
 * beyond 10^-18 (float noise such as 0.0000029999900000000002) are rounded half up.
 * Returns undefined for anything that is not a finite, non-negative number.
 */
export function parseAttoUsd(value: unknown): bigint | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = DECIMAL.exec(text);
  if (match === null) return undefined;
  const fraction = match[2] ?? '';
  const digits = BigInt(`${match[1]}${fraction}`);
  const shift = Number(match[3] ?? 0) - fraction.length + ATTO_DIGITS;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const quotient = digits / divisor;
  return (digits % divisor) * 2n >= divisor ? quotient + 1n : quotient;
}

/** Formats attoUSD as a plain decimal string without trailing zeros: "0.000123375", "12", "0". */
export function formatAttoUsd(atto: bigint): string {
  // One toString and string slicing: cheaper on the request path than BigInt division.
  const digits = atto.toString();
  let end = digits.length;
  const fractionStart = end - ATTO_DIGITS;
  while (end > fractionStart && end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  if (fractionStart <= 0) {
    if (end === 1 && digits === '0') return '0';
    return `0.${'0'.repeat(-fractionStart)}${digits.slice(0, end)}`;
  }
  const whole = digits.slice(0, fractionStart);
  return end === fractionStart ? whole : `${whole}.${digits.slice(fractionStart, end)}`;
}
