import type { Clock } from '../di/tokens.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { Logger } from '../logging/logger.js';
import type { Invalidation } from '../stores/invalidation-bus.js';
import type { KeyStore } from '../stores/key-store.js';
import type { KeyPrincipal } from './principal.js';

interface Entry {
  /** null: no such key (cached too, so unknown keys do not reach the database every time). */
  readonly principal: KeyPrincipal | null;
  expiresAt: number;
}

export interface KeyCacheOptions {
  readonly store: () => Promise<KeyStore>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long an entry is trusted without asking the store (general_settings.user_api_key_cache_ttl). */
  readonly ttlMs: number;
  /** Most entries held; the oldest go first. */
  readonly maxEntries: number;
}

/**
 * Virtual keys for the request path: a hit is a Map lookup; a miss loads the key, its team and
 * its user once (concurrent misses for one key share the load). `invalidate` drops entries at
 * once (this instance's updates and the invalidation bus's messages); another instance that
 * misses a message sees a change within `ttlMs`. While the store cannot be reached, an expired
 * entry keeps serving (a database outage does not lock out known keys); an unknown key is then
 * a 503.
 */
export class KeyCache {
  readonly #options: KeyCacheOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<KeyPrincipal | null>>();
  #warnedStale = false;
  /** Bumped by every invalidation: a load that started before one does not cache what it read. */
  #generation = 0;

  constructor(options: KeyCacheOptions) {
    this.#options = options;
  }

  /** A fresh entry, or undefined (not cached, or expired): then call `load`. */
  peek(tokenHash: string): KeyPrincipal | null | undefined {
    const entry = this.#entries.get(tokenHash);
    if (entry === undefined || entry.expiresAt <= this.#options.clock()) return undefined;
    return entry.principal;
  }

  load(tokenHash: string): Promise<KeyPrincipal | null> {
    const pending = this.#loading.get(tokenHash);
    if (pending !== undefined) return pending;
    const loading: Promise<KeyPrincipal | null> = this.#fetch(tokenHash).finally(() => {
      if (this.#loading.get(tokenHash) === loading) this.#loading.delete(tokenHash);
    });
    this.#loading.set(tokenHash, loading);
    return loading;
  }

  invalidate(invalidation: Invalidation): void {
    this.#generation++;
    this.#loading.clear();
    if (invalidation.owner === 'all') return this.#entries.clear();
    if (invalidation.owner === 'key') {
      this.#entries.delete(invalidation.id);
      return;
    }
    for (const [hash, entry] of this.#entries) {
      const principal = entry.principal;
      if (principal === null) continue;
      if (invalidation.owner === 'team' ? principal.key.teamId === invalidation.id : principal.key.userId === invalidation.id) this.#entries.delete(hash);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  async #fetch(tokenHash: string): Promise<KeyPrincipal | null> {
    const { clock, ttlMs, maxEntries } = this.#options;
    const generation = this.#generation;
    let principal: KeyPrincipal | null;
    try {
      const store = await this.#options.store();
      const key = await store.getKey(tokenHash);
      if (key === undefined) principal = null;
      else {
        const [team, user] = await Promise.all([key.teamId === null ? undefined : store.getTeam(key.teamId), key.userId === null ? undefined : store.getUser(key.userId)]);
        principal = { kind: 'key', key, team, user };
      }
      this.#warnedStale = false;
    } catch (error) {
      const stale = this.#entries.get(tokenHash);
      if (stale !== undefined && stale.principal !== null) {
        if (!this.#warnedStale) this.#options.logger.warn({ err: describe(error) }, 'key store unreachable: serving cached keys past their TTL');
        this.#warnedStale = true;
        stale.expiresAt = clock() + ttlMs;
        return stale.principal;
      }
      throw isGatewayError(error) && error.code === 'store_unavailable'
        ? error
        : new GatewayError('store_unavailable', 'The key database cannot be reached to check this key; retry shortly.', { cause: error });
    }
    if (generation !== this.#generation) return principal;
    this.#entries.delete(tokenHash);
    this.#entries.set(tokenHash, { principal, expiresAt: clock() + ttlMs });
    if (this.#entries.size > maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return principal;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
