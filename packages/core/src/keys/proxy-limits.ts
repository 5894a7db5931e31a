import { parseAttoUsd } from '../cost/atto-usd.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { GeneralSettings, LitellmSettings } from '../generated/config.js';
import type { AttoUsd } from '../stores/budget-fields.js';
import { parseDuration, type BudgetDuration } from './budget-duration.js';

/** The counter id of the proxy-wide budget and parallel limit (shown as "the proxy" in refusals). */
export const PROXY_ID = 'proxy';

/** Limits on the whole proxy, whoever sends the request: litellm_settings.max_budget, general_settings.global_max_parallel_requests. */
export interface ProxyLimits {
  readonly maxBudget: AttoUsd | null;
  /** Null: the budget never starts again. */
  readonly budgetDuration: BudgetDuration | null;
  readonly maxParallelRequests: number | null;
}

export const NO_PROXY_LIMITS: ProxyLimits = { maxBudget: null, budgetDuration: null, maxParallelRequests: null };

export function readProxyLimits(litellm: LitellmSettings | undefined, general: GeneralSettings | undefined): ProxyLimits {
  const budget = litellm?.max_budget;
  const duration = litellm?.budget_duration;
  let maxBudget: AttoUsd | null = null;
  if (budget !== undefined) {
    const atto = parseAttoUsd(budget);
    if (atto === undefined) throw new GatewayError('invalid_config', 'litellm_settings.max_budget must be a number of USD, 0 or more.');
    maxBudget = atto;
  }
  return {
    maxBudget,
    budgetDuration: duration === undefined ? null : parseDuration(duration, 'litellm_settings.budget_duration'),
    maxParallelRequests: general?.global_max_parallel_requests ?? null,
  };
}

export function hasProxyLimits(limits: ProxyLimits): boolean {
  return limits.maxBudget !== null || limits.maxParallelRequests !== null;
}

/**
 * The proxy budget's window around `now`, on a UTC calendar grid so every instance (and every
 * restart) agrees on it without storing anything: `Ns` / `Nm` / `Nh` by multiples within the
 * minute / hour / day (as key budgets reset), `1d` a day, `7d` a week from Monday, `30d` and `1mo`
 * a calendar month, other `Nd` and `Nmo` by multiples counted from 1970. No duration: one window
 * from the start of time that never ends.
 */
export function proxyBudgetWindow(duration: BudgetDuration | null, now: number): { readonly startsAt: number; readonly endsAt: number | null } {
  if (duration === null) return { startsAt: 0, endsAt: null };
  const { value, unit } = duration;
  const date = new Date(now);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const within = (start: number, stepMs: number, limitMs: number) => {
    const offset = Math.floor((now - start) / stepMs / value) * value * stepMs;
    return { startsAt: start + offset, endsAt: Math.min(start + offset + value * stepMs, start + limitMs) };
  };
  switch (unit) {
    case 's':
      return within(now - (now % 60_000), 1_000, 60_000);
    case 'm':
      return within(now - (now % 3_600_000), 60_000, 3_600_000);
    case 'h':
      return within(midnight, 3_600_000, 86_400_000);
    case 'd': {
      if (value === 7) {
        const monday = midnight - ((date.getUTCDay() + 6) % 7) * 86_400_000;
        return { startsAt: monday, endsAt: monday + 7 * 86_400_000 };
      }
      if (value === 30) return months(date, 1);
      const days = Math.floor(midnight / 86_400_000);
      const startsAt = (days - (days % value)) * 86_400_000;
      return { startsAt, endsAt: startsAt + value * 86_400_000 };
    }
    case 'mo':
      return months(date, value);
  }
}

function months(date: Date, value: number): { startsAt: number; endsAt: number } {
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth();
  const first = index - (index % value);
  return { startsAt: Date.UTC(Math.floor(first / 12), first % 12, 1), endsAt: Date.UTC(Math.floor((first + value) / 12), (first + value) % 12, 1) };
}
