import type { BudgetOwner } from './key-store.js';

/** A record changed or went away: caches drop it (`all`: drop everything). */
export type Invalidation = { readonly owner: BudgetOwner; readonly id: string } | { readonly owner: 'all' };

export type InvalidationListener = (invalidation: Invalidation) => void;

/**
 * Tells every instance's key cache that a key, team or user changed. `publish` reaches this
 * instance's listeners at once, before it resolves; a shared bus (`@switchyard/store-redis`,
 * pub/sub) also reaches the other instances, and an instance that misses a message still
 * drops the entry when its cache TTL ends.
 */
export interface InvalidationBus {
  publish(invalidation: Invalidation): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: InvalidationListener): () => void;
  close(): Promise<void>;
}

/** The bus of one instance: nothing leaves the process. */
export function createLocalInvalidationBus(): InvalidationBus {
  const listeners = new Set<InvalidationListener>();
  return {
    publish(invalidation) {
      for (const listener of listeners) listener(invalidation);
      return Promise.resolve();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      return Promise.resolve();
    },
  };
}
