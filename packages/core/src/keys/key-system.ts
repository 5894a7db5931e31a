import { join } from 'node:path';
import type { Secret } from '../config/secret.js';
import type { Clock } from '../di/tokens.js';
import type { Logger } from '../logging/logger.js';
import type { CounterStore } from '../stores/counter-store.js';
import { createInProcessCounterStore } from '../stores/in-process-counter-store.js';
import { createLocalInvalidationBus, type Invalidation, type InvalidationBus } from '../stores/invalidation-bus.js';
import type { DataStore, StorePlugin } from '../stores/store-plugin.js';
import type { SpendRecord } from '../stores/spend-store.js';
import { startBudgetResets } from './budget-reset-job.js';
import { DataStoreHandle } from './data-store-handle.js';
import { KeyCache } from './key-cache.js';
import { hashKey } from './key-material.js';
import type { KeySettings } from './key-settings.js';
import type { KeyPrincipal } from './principal.js';
import { SpendOutbox } from './spend-outbox.js';

/** How often the store is pinged while fail-closed enforcement is on (an idle gateway still notices an outage). */
const PROBE_INTERVAL_MS = 1_000;
const KEY_CACHE_ENTRIES = 50_000;

export interface KeySystemOptions {
  readonly masterKey: Secret;
  readonly settings: KeySettings;
  readonly baseDir: string;
  readonly plugins: readonly StorePlugin[];
  readonly dataStore?: DataStore | undefined;
  readonly counters?: CounterStore | undefined;
  readonly invalidation?: InvalidationBus | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Everything virtual keys need in one gateway: the store (opened on first need), the key
 * cache, the counters (shared ones with an in-process fallback), the invalidation bus, the
 * spend outbox and the budget reset job. Built once per gateway; stages get it, never resolve it.
 */
export class KeySystem {
  readonly settings: KeySettings;
  readonly masterKeyHash: string;
  readonly store: DataStoreHandle;
  readonly cache: KeyCache;
  readonly counters: CounterStore;
  /** Used while the shared counters cannot be reached (unless fail-closed). */
  readonly localCounters: CounterStore;
  readonly invalidation: InvalidationBus;
  readonly clock: Clock;
  readonly logger: Logger;
  #outbox: SpendOutbox | undefined;
  readonly #outboxRoot: string;
  readonly #unsubscribe: () => void;
  readonly #stopResets: () => void;
  #probe: NodeJS.Timeout | undefined;
  #storeReachable = true;
  #countersReachable = true;

  constructor(options: KeySystemOptions) {
    this.settings = options.settings;
    this.clock = options.clock;
    this.logger = options.logger;
    this.masterKeyHash = hashKey(options.masterKey.reveal());
    this.store = new DataStoreHandle({
      url: options.settings.databaseUrl?.reveal(),
      baseDir: options.baseDir,
      plugins: options.plugins,
      store: options.dataStore,
      clock: options.clock,
      logger: options.logger,
    });
    this.#outboxRoot = options.settings.outboxPath ?? (this.store.sqliteFile === undefined ? join(options.baseDir, 'switchyard-spend-outbox') : `${this.store.sqliteFile}-outbox`);
    this.cache = new KeyCache({ store: () => this.store.get(), clock: options.clock, logger: options.logger, ttlMs: options.settings.cacheTtlMs, maxEntries: KEY_CACHE_ENTRIES });
    this.localCounters = createInProcessCounterStore({ clock: options.clock });
    this.counters = options.counters ?? this.localCounters;
    this.invalidation = options.invalidation ?? createLocalInvalidationBus();
    this.#unsubscribe = this.invalidation.subscribe((invalidation) => this.cache.invalidate(invalidation));
    this.#stopResets = options.settings.disableResetBudget
      ? () => undefined
      : startBudgetResets({ store: () => this.store.opened, clock: options.clock, logger: options.logger, publish: (invalidation) => this.publish(invalidation) });
    if (this.store.openAtStart) void this.open().catch(() => undefined);
    if (options.settings.failClosed) {
      this.#probe = setInterval(() => void this.#probeStore(), PROBE_INTERVAL_MS);
      this.#probe.unref();
    }
  }

  /** Opens the store (once) and starts the outbox with it. */
  async open(): Promise<DataStore> {
    const store = await this.store.get();
    this.#outbox ??= new SpendOutbox({
      root: this.#outboxRoot,
      maxBytes: this.settings.outboxMaxBytes,
      deliver: async (records) => (await this.store.get()).writeSpend(records),
      logger: this.logger,
    });
    return store;
  }

  /** A virtual key by the SHA-256 of what the client sent: a Map hit, or one load. */
  lookup(tokenHash: string): KeyPrincipal | null | Promise<KeyPrincipal | null> {
    const cached = this.cache.peek(tokenHash);
    if (cached !== undefined) return cached;
    if (!this.store.mayHoldKeys) return null;
    return this.open().then(() => this.cache.load(tokenHash));
  }

  /** False while the store or the shared counters are known to be unreachable. */
  get healthy(): boolean {
    return this.#storeReachable && this.#countersReachable && (this.#outbox?.healthy ?? true);
  }

  markCounters(reachable: boolean): void {
    if (reachable === this.#countersReachable) return;
    this.#countersReachable = reachable;
    if (reachable) this.logger.info({}, 'shared counters reachable again');
    else this.logger.warn({}, this.settings.failClosed ? 'shared counters unreachable: virtual-key requests are refused (fail_closed_budget_enforcement)' : 'shared counters unreachable: limits are enforced per instance until they are back');
  }

  /** Spend rows go out through the outbox; before the store was ever needed there is none (master-key traffic only). */
  recordSpend(record: SpendRecord): void {
    this.#outbox?.enqueue(record);
  }

  /** Drops the record from this instance's cache at once and tells the others. */
  async publish(invalidation: Invalidation): Promise<void> {
    this.cache.invalidate(invalidation);
    try {
      await this.invalidation.publish(invalidation);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'key cache invalidation could not be sent to other instances; they see the change within user_api_key_cache_ttl');
    }
  }

  /** Delivers every spend row written so far (tests; shutdown). */
  async flushSpend(): Promise<void> {
    await this.#outbox?.flush();
  }

  get outbox(): SpendOutbox | undefined {
    return this.#outbox;
  }

  async close(): Promise<void> {
    clearInterval(this.#probe);
    this.#stopResets();
    this.#unsubscribe();
    await this.#outbox?.close();
    await this.localCounters.close();
    await this.store.close();
  }

  async #probeStore(): Promise<void> {
    const store = this.store.opened;
    if (store === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const reachable = await Promise.race([
      store.ping().then(() => true, () => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_INTERVAL_MS))),
    ]);
    clearTimeout(timer);
    if (reachable === this.#storeReachable) return;
    this.#storeReachable = reachable;
    if (reachable) this.logger.info({}, 'key and spend store reachable again');
    else this.logger.warn({}, 'key and spend store unreachable: virtual-key requests are refused (fail_closed_budget_enforcement)');
  }
}
