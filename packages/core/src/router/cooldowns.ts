import type { DeploymentHealth } from './deployment-health.js';
import type { ErrorClass, RouterSettings } from './router-settings.js';

/** LiteLLM cools a deployment failing more than half its calls this minute, once it has this many. */
const FAILURE_RATE_MINIMUM_REQUESTS = 5;
const IMMEDIATE: ReadonlySet<number> = new Set([429, 401, 404, 408]);

export interface FailureOptions {
  readonly errorClass: ErrorClass;
  readonly status: number;
  readonly settings: RouterSettings;
  /** Deployments in the group: a group of one is never cooled (LiteLLM: there is nowhere else to go). */
  readonly groupSize: number;
  readonly now: number;
}

/**
 * Counts a failed call and cools the deployment down for `cooldown_time` when LiteLLM's
 * triggers say so: a class in `allowed_fails_policy` more often than its allowance this minute;
 * otherwise a 429, 401, 404 or 408 at once, more than `allowed_fails` failures this minute, or
 * more than half the calls this minute failed. Bad requests (the client's fault) never count.
 */
export function recordFailure(health: DeploymentHealth, options: FailureOptions): boolean {
  if (!countFailure(health, options)) return false;
  return evaluateCooldown(health, options);
}

/** Counts the failure this minute (and tells shared state); false for a bad request that does not count. */
function countFailure(health: DeploymentHealth, options: FailureOptions): boolean {
  const { errorClass, settings, now } = options;
  health.roll(now);
  if (errorClass === 'BadRequestError' && settings.allowedFailsPolicy.BadRequestError === undefined) return false;
  health.recordOutcome(true);
  health.failures++;
  health.classFailures.set(errorClass, (health.classFailures.get(errorClass) ?? 0) + 1);
  health.sync.failed(health, errorClass);
  return true;
}

/**
 * Applies the triggers to the counts `health` holds now: this instance's, or with shared state
 * the cluster's (the route stage calls it again once shared state has the other instances'
 * failures, so three instances failing twice each trip `allowed_fails: 3` together).
 */
export function evaluateCooldown(health: DeploymentHealth, options: FailureOptions): boolean {
  const { errorClass, settings, now } = options;
  if (settings.disableCooldowns || options.groupSize < 2) return false;
  const classCount = health.classFailures.get(errorClass) ?? 0;
  const allowance = settings.allowedFailsPolicy[errorClass];
  let reason: string | undefined;
  if (allowance !== undefined) {
    if (classCount > allowance) reason = `${errorClass} ${classCount} times this minute (allowed_fails_policy allows ${allowance})`;
  } else if (IMMEDIATE.has(options.status)) reason = `upstream answered ${options.status}`;
  else if (health.failures > settings.allowedFails) reason = `${health.failures} failures this minute (allowed_fails: ${settings.allowedFails})`;
  else if (health.requests >= FAILURE_RATE_MINIMUM_REQUESTS && health.failures / health.requests > 0.5) {
    reason = `${health.failures} of ${health.requests} calls failed this minute`;
  }
  if (reason === undefined) return false;
  health.cooldownUntil = now + settings.cooldownMs;
  health.cooldownReason = reason;
  health.sync.cooled(health);
  health.cooldowns++;
  return true;
}
