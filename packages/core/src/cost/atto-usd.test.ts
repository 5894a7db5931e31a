import { describe, expect, it } from 'vitest';
import { formatAttoUsd, parseAttoUsd } from './atto-usd.js';

describe('parseAttoUsd / formatAttoUsd', () => {
  it('reads a price from its shortest decimal form, exactly', () => {
    expect(parseAttoUsd(5e-6)).toBe(5_000_000_000_000n);
    expect(parseAttoUsd(1.25e-7)).toBe(125_000_000_000n);
    expect(parseAttoUsd(0.00018)).toBe(180_000_000_000_000n);
    expect(parseAttoUsd('6.25e-6')).toBe(6_250_000_000_000n);
    expect(parseAttoUsd(12)).toBe(12_000_000_000_000_000_000n);
  });

  it('rounds float noise below 1e-18 USD half up', () => {
    expect(parseAttoUsd(0.0000029999900000000002)).toBe(2_999_990_000_000n);
    expect(parseAttoUsd('0.0000000000000000005')).toBe(1n);
    expect(parseAttoUsd('0.0000000000000000004')).toBe(0n);
  });

  it('refuses negative, non-finite and non-numeric values', () => {
    for (const value of [-1e-6, Number.NaN, Number.POSITIVE_INFINITY, 'cheap', '', null, {}]) {
      expect(parseAttoUsd(value)).toBeUndefined();
    }
  });

  it('formats without trailing zeros or exponent', () => {
    expect(formatAttoUsd(123_375_000_000_000n)).toBe('0.000123375');
    expect(formatAttoUsd(2_000_000_000_000_000_000n)).toBe('2');
    expect(formatAttoUsd(0n)).toBe('0');
    expect(formatAttoUsd(1n)).toBe('0.000000000000000001');
  });
});
