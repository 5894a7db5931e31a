import type { Invalidation, InvalidationBus, InvalidationListener } from '@switchyard/core';
import type { Redis } from 'ioredis';
import type { ConnectionWatch } from '../connection-watch.js';

const OWNERS = new Set(['key', 'team', 'user', 'all']);

/**
 * Key-cache invalidation over Redis pub/sub: `publish` reaches this instance's listeners at
 * once, then the others through `<prefix>invalidate` (each message names its sender, which
 * ignores its own). Redis unreachable: the local listeners still hear it and publish resolves;
 * the other instances drop the entry when their cache TTL ends (the documented bound).
 */
export class RedisInvalidationBus implements InvalidationBus {
  readonly #listeners = new Set<InvalidationListener>();
  readonly #client: Redis;
  readonly #watch: ConnectionWatch;
  readonly #channel: string;
  readonly #instanceId: string;
  /** Settles once subscribed (or never, while Redis is unreachable: `open` waits for it only briefly). */
  readonly subscribed: Promise<unknown>;

  constructor(options: { client: Redis; subscriber: Redis; watch: ConnectionWatch; keyPrefix: string; instanceId: string }) {
    this.#client = options.client;
    this.#watch = options.watch;
    this.#channel = `${options.keyPrefix}invalidate`;
    this.#instanceId = options.instanceId;
    options.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.#channel) this.#receive(message);
    });
    this.subscribed = options.subscriber.subscribe(this.#channel).catch(() => undefined);
  }

  async publish(invalidation: Invalidation): Promise<void> {
    this.#deliver(invalidation);
    try {
      await this.#client.publish(this.#channel, JSON.stringify({ from: this.#instanceId, invalidation }));
      this.#watch.succeeded();
    } catch (error) {
      this.#watch.failed(error as Error);
    }
  }

  subscribe(listener: InvalidationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }

  #receive(message: string): void {
    let parsed: { from?: unknown; invalidation?: { owner?: unknown; id?: unknown } };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.from === this.#instanceId) return;
    const owner = parsed.invalidation?.owner;
    if (typeof owner !== 'string' || !OWNERS.has(owner)) return;
    if (owner === 'all') return this.#deliver({ owner: 'all' });
    const id = parsed.invalidation?.id;
    if (typeof id === 'string') this.#deliver({ owner, id } as Invalidation);
  }

  #deliver(invalidation: Invalidation): void {
    for (const listener of this.#listeners) {
      try {
        listener(invalidation);
      } catch {
        // A listener's failure is its own; the others still hear.
      }
    }
  }
}
