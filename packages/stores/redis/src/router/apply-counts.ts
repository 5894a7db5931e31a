import type { DeploymentHealth, ErrorClass } from '@switchyard/core';
import type { PendingCounts } from './pending-counts.js';

/** One deployment's answer from the sync script: the minute's hash (flat), in flight elsewhere, the cooldown. */
export type SyncReply = [hash: string[], elsewhere: number, cooldown: string];

/**
 * Folds the cluster's counts into the local health: the minute's totals in Redis plus what this
 * instance counted since the batch left (not in those totals yet); calls in flight here plus on
 * the other live instances; a cooldown set elsewhere, when it ends later than the one known here.
 * A reply for a minute that has already turned is ignored (the new minute starts from zero).
 */
export function applyCounts(options: { sent: PendingCounts; reply: SyncReply; since: PendingCounts | undefined; ownInFlight: number; now: number }): void {
  const { sent, reply, since, now } = options;
  const health = sent.health;
  const [hash, elsewhere, cooldown] = reply;
  health.inFlight = options.ownInFlight + Number(elsewhere);
  applyCooldown(health, cooldown, now);
  health.roll(now);
  if (health.minute !== sent.minute) return;
  let requests = 0;
  let tokens = 0;
  let failures = 0;
  health.classFailures.clear();
  for (let index = 0; index + 1 < hash.length; index += 2) {
    const field = hash[index]!;
    const value = Number(hash[index + 1]);
    if (field === 'r') requests = value;
    else if (field === 't') tokens = value;
    else if (field === 'f') failures = value;
    else if (field.startsWith('c:')) health.classFailures.set(field.slice(2) as ErrorClass, value);
  }
  health.requests = requests + (since?.requests ?? 0);
  health.tokens = tokens + (since?.tokens ?? 0);
  health.failures = failures + (since?.failures ?? 0);
  for (const [errorClass, count] of since?.classes ?? []) health.classFailures.set(errorClass, (health.classFailures.get(errorClass) ?? 0) + count);
}

/** `"<until ms>|<reason>"` from Redis (a script reply or a published event). */
export function applyCooldown(health: DeploymentHealth, cooldown: string, now: number): void {
  const bar = cooldown.indexOf('|');
  if (bar < 0) return;
  const until = Number(cooldown.slice(0, bar));
  if (!Number.isFinite(until) || until <= now || until <= health.cooldownUntil) return;
  health.cooldownUntil = until;
  health.cooldownReason = `${cooldown.slice(bar + 1)} (on another instance)`;
}
