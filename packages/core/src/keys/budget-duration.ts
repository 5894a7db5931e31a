import { GatewayError } from '../errors/gateway-error.js';

const DURATION = /^(\d+)(s|m|h|d|mo)$/;

export interface BudgetDuration {
  readonly value: number;
  readonly unit: 's' | 'm' | 'h' | 'd' | 'mo';
}

/** `30s`, `30m`, `24h`, `7d`, `1mo`, as LiteLLM's `budget_duration` and `duration` take them. */
export function parseDuration(text: string, param: string): BudgetDuration {
  const match = DURATION.exec(text.trim());
  const value = match === null ? 0 : Number(match[1]);
  if (match === null || value <= 0 || !Number.isSafeInteger(value)) {
    throw new GatewayError('invalid_value', `${param} must look like 30s, 30m, 24h, 7d or 1mo; got ${JSON.stringify(text).slice(0, 40)}.`, { param });
  }
  return { value, unit: match[2] as BudgetDuration['unit'] };
}

/** A fixed length, for `duration` (key expiry): months count as 30 days. */
export function durationMs({ value, unit }: BudgetDuration): number {
  const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, mo: 30 * 86_400_000 }[unit];
  return value * unitMs;
}

/**
 * When a budget with this duration resets next, after `now` (epoch ms), on LiteLLM's
 * standardized boundaries (UTC): `1d` at the next midnight, `7d` on the next Monday at
 * midnight, `30d` and `Nmo` on the first of a following month at midnight, other `Nd` at
 * today's midnight + N days; `Nh`, `Nm`, `Ns` at the next multiple of N hours, minutes or
 * seconds within the day, hour or minute (so `30m` resets at :00 and :30; `7h` at 22:00 resets
 * at 04:00 the next day, as LiteLLM carries it).
 */
export function nextResetAt(duration: BudgetDuration, now: number): number {
  const date = new Date(now);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const { value, unit } = duration;
  switch (unit) {
    case 's': {
      const minuteStart = now - (now % 60_000);
      const second = date.getUTCSeconds();
      return minuteStart + (second - (second % value) + value) * 1_000;
    }
    case 'm': {
      const hourStart = now - (now % 3_600_000);
      const minute = date.getUTCMinutes();
      return hourStart + (minute - (minute % value) + value) * 60_000;
    }
    case 'h': {
      const hour = date.getUTCHours();
      return midnight + (hour - (hour % value) + value) * 3_600_000;
    }
    case 'd':
      if (value === 1) return midnight + 86_400_000;
      if (value === 7) return nextMonday(date, midnight);
      if (value === 30) return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      return midnight + value * 86_400_000;
    case 'mo':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + value, 1);
  }
}

function nextMonday(date: Date, midnight: number): number {
  const day = date.getUTCDay(); // 0 Sunday … 6 Saturday
  const days = (8 - day) % 7 || 7;
  return midnight + days * 86_400_000;
}
