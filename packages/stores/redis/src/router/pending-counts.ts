import type { DeploymentHealth, ErrorClass } from '@switchyard/core';

/** One deployment's counts for one minute not yet sent to Redis. */
export interface PendingCounts {
  readonly health: DeploymentHealth;
  readonly minute: number;
  requests: number;
  tokens: number;
  failures: number;
  readonly classes: Map<ErrorClass, number>;
}

/** Counts gathered between two exchanges with Redis, by deployment and minute. */
export class PendingBatch {
  readonly #entries = new Map<string, PendingCounts>();

  /** The entry for `health`'s current minute, made when missing (a refresh sends even an empty one). */
  of(health: DeploymentHealth): PendingCounts {
    const key = `${health.minute}\n${health.id}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { health, minute: health.minute, requests: 0, tokens: 0, failures: 0, classes: new Map() };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  find(health: DeploymentHealth, minute: number): PendingCounts | undefined {
    return this.#entries.get(`${minute}\n${health.id}`);
  }

  /** Puts counts that could not be sent back, for the next batch (only the current minute's: older ones are past use). */
  keep(entry: PendingCounts, minute: number): void {
    if (entry.minute !== minute) return;
    const into = this.of(entry.health);
    if (into.minute !== entry.minute) return;
    into.requests += entry.requests;
    into.tokens += entry.tokens;
    into.failures += entry.failures;
    for (const [errorClass, count] of entry.classes) into.classes.set(errorClass, (into.classes.get(errorClass) ?? 0) + count);
  }

  get size(): number {
    return this.#entries.size;
  }

  values(): IterableIterator<PendingCounts> {
    return this.#entries.values();
  }
}

/** The script's `field, delta` pairs for an entry: r, t, f and c:<class>. */
export function deltaFields(entry: PendingCounts): string[] {
  const fields: string[] = [];
  if (entry.requests !== 0) fields.push('r', String(entry.requests));
  if (entry.tokens !== 0) fields.push('t', String(entry.tokens));
  if (entry.failures !== 0) fields.push('f', String(entry.failures));
  for (const [errorClass, count] of entry.classes) fields.push(`c:${errorClass}`, String(count));
  return fields;
}
