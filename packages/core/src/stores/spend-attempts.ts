import type { AttemptRecord } from '../router/attempt-record.js';
import type { SpendAttempt } from './spend-store.js';

/** Attempts a spend row keeps: the first nine and the last (the one that answered). */
export const MAX_SPEND_ATTEMPTS = 10;
const MAX_NAME_CHARS = 128;
const MAX_CODE_CHARS = 64;
const NO_ATTEMPTS: readonly SpendAttempt[] = [];

/**
 * The router's attempts as a spend row stores them: bounded in count and in field length, so a
 * request retried across many deployments cannot grow its row (or the outbox line) without limit.
 */
export function toSpendAttempts(attempts: readonly AttemptRecord[]): readonly SpendAttempt[] {
  if (attempts.length === 0) return NO_ATTEMPTS;
  const kept = attempts.length <= MAX_SPEND_ATTEMPTS ? attempts : [...attempts.slice(0, MAX_SPEND_ATTEMPTS - 1), attempts[attempts.length - 1]!];
  return kept.map((attempt) => ({
    deployment: attempt.deployment.slice(0, MAX_NAME_CHARS),
    modelGroup: attempt.modelGroup.slice(0, MAX_NAME_CHARS),
    status: attempt.status,
    errorCode: attempt.errorCode === null ? null : attempt.errorCode.slice(0, MAX_CODE_CHARS),
    durationMs: Math.round(attempt.durationMs),
    fallback: attempt.fallback,
  }));
}

/**
 * A stored attempts column (JSON text, or the value a driver already parsed) back into attempts;
 * undefined for NULL (a row written before attempts were stored) or anything not written by
 * `toSpendAttempts`, so one odd row never fails a page.
 */
export function spendAttemptsFromJson(value: unknown): readonly SpendAttempt[] | undefined {
  if (value === null || value === undefined) return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(parsed)) return undefined;
  if (parsed.length === 0) return NO_ATTEMPTS;
  const attempts: SpendAttempt[] = [];
  for (const item of parsed.slice(0, MAX_SPEND_ATTEMPTS) as unknown[]) {
    if (item === null || typeof item !== 'object') return undefined;
    const { deployment, modelGroup, status, errorCode, durationMs, fallback } = item as Record<string, unknown>;
    if (typeof deployment !== 'string' || typeof modelGroup !== 'string' || typeof status !== 'number' || typeof durationMs !== 'number') return undefined;
    attempts.push({ deployment, modelGroup, status, errorCode: typeof errorCode === 'string' ? errorCode : null, durationMs, fallback: fallback === true });
  }
  return attempts;
}
