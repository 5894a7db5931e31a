import { join } from 'node:path';
import type { Secret } from '../config/secret.js';
import type { Clock } from '../di/tokens.js';
import type { Readiness, ReadinessResult } from '../health/readiness.js';
import type { Logger } from '../logging/logger.js';
import type { MetricHooks } from '../metrics/metric-hooks.js';
import type { CounterStore } from '../stores/counter-store.js';
import { createInProcessCounterStore } from '../stores/in-process-counter-store.js';
import { createLocalInvalidationBus, type Invalidation, type InvalidationBus } from '../stores/invalidation-bus.js';
import type { RedisConnection } from '../router/redis-connection.js';
import type { CounterStorePlugin, DataStore, SharedCounters, StorePlugin } from '../stores/store-plugin.js';
import type { SpendRecord } from '../stores/spend-store.js';
import { startBudgetResets } from './budget-reset-job.js';
import { DataStoreHandle } from './data-store-handle.js';
import { KeyCache } from './key-cache.js';
import { hashKey } from './key-material.js';
import type { KeySettings } from './key-settings.js';
import type { KeyPrincipal } from './principal.js';
import type { Charges } from './build-charges.js';
import { PROXY_ID, proxyBudgetWindow } from './proxy-limits.js';
import { SpendOutbox } from './spend-outbox.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { AttoUsd } from '../stores/budget-fields.js';

/** How often the store is pinged while fail-closed enforcement is on (an idle gateway still notices an outage). */
const PROBE_INTERVAL_MS = 1_000;
const KEY_CACHE_ENTRIES = 50_000;
/** After the store could not say what the proxy spent this window, ask again no sooner than this. */
const BASELINE_RETRY_MS = 5_000;

export interface KeySystemOptions {
  readonly masterKey: Secret;
  readonly settings: KeySettings;
  readonly baseDir: string;
  readonly plugins: readonly StorePlugin[];
  readonly dataStore?: DataStore | undefined;
  readonly counters?: CounterStore | undefined;
  readonly invalidation?: InvalidationBus | undefined;
  /**
   * The config's Redis (router_settings.redis_url / redis_host…): budgets, rate windows and key
   * invalidations are shared through it by a `counters` store plugin, unless `counters` is given.
   */
  readonly sharedCounters?: RedisConnection | undefined;
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
  /** Opened here from the config's Redis (and closed here); undefined when the host passed counters or none are configured. */
  readonly shared: SharedCounters | undefined;
  #probe: NodeJS.Timeout | undefined;
  #storeReachable = true;
  #countersReachable = true;
  /** The store's spend in the proxy budget's current window, read once per window (and instance). */
  #proxyBaseline: { readonly endsAt: number | null; readonly spend: AttoUsd; readonly retryAt: number } | undefined;
  #proxyBaselineLoading: Promise<AttoUsd> | undefined;

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
    this.shared = options.counters === undefined ? connectSharedCounters(options) : undefined;
    this.counters = options.counters ?? this.shared?.counters ?? this.localCounters;
    this.invalidation = options.invalidation ?? this.shared?.invalidation ?? createLocalInvalidationBus();
    this.#unsubscribe = this.invalidation.subscribe((invalidation) => this.cache.invalidate(invalidation));
    this.#stopResets = options.settings.disableResetBudget
      ? () => undefined
      : startBudgetResets({ store: () => this.store.opened, clock: options.clock, logger: options.logger, publish: (invalidation) => this.publish(invalidation) });
    // A proxy budget counts every request, the master key's too: the store (and its outbox) is needed from the start.
    if (this.store.openAtStart || options.settings.proxy.maxBudget !== null) void this.open().catch(() => undefined);
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

  /**
   * What every model request is charged against besides its key's own limits: the proxy budget
   * (its window, and what the store logged in it as the starting point) and the proxy-wide
   * parallel slot. Synchronous except for the first request of each budget window.
   */
  proxyCharges(now: number): Charges | Promise<Charges> | undefined {
    const { maxBudget, budgetDuration, maxParallelRequests } = this.settings.proxy;
    if (maxBudget === null && maxParallelRequests === null) return undefined;
    const parallel = maxParallelRequests === null ? [] : [{ id: PROXY_ID, limit: maxParallelRequests }];
    if (maxBudget === null) return { budgets: [], rates: [], parallel };
    const window = proxyBudgetWindow(budgetDuration, now);
    const charges = (baseline: AttoUsd): Charges => ({ budgets: [{ id: PROXY_ID, windowEndsAt: window.endsAt, limit: maxBudget, baseline }], rates: [], parallel });
    const known = this.#proxyBaseline;
    if (known !== undefined && known.endsAt === window.endsAt && now < known.retryAt) return charges(known.spend);
    this.#proxyBaselineLoading ??= this.#loadProxyBaseline(window, now).finally(() => (this.#proxyBaselineLoading = undefined));
    return this.#proxyBaselineLoading.then(charges);
  }

  async #loadProxyBaseline(window: { readonly startsAt: number; readonly endsAt: number | null }, now: number): Promise<AttoUsd> {
    try {
      const store = await this.open();
      if (store.spendTotal === undefined) {
        this.logger.warn({ store: store.description }, 'this store cannot sum spend (no spendTotal): the proxy budget (litellm_settings.max_budget) counts from zero at each start');
        this.#proxyBaseline = { endsAt: window.endsAt, spend: 0n, retryAt: Number.POSITIVE_INFINITY };
        return 0n;
      }
      const spend = await store.spendTotal({ from: window.startsAt });
      this.#proxyBaseline = { endsAt: window.endsAt, spend, retryAt: Number.POSITIVE_INFINITY };
      return spend;
    } catch (error) {
      if (this.settings.failClosed) throw new GatewayError('store_unavailable', 'The proxy budget cannot be checked right now (the key/spend store is unreachable, and fail_closed_budget_enforcement is on). Retry shortly.', { cause: error });
      this.logger.warn({ err: (error as Error).message }, 'could not read what the proxy spent this budget window: counting from what this instance and the shared counters know until the store answers');
      this.#proxyBaseline = { endsAt: window.endsAt, spend: 0n, retryAt: now + BASELINE_RETRY_MS };
      return 0n;
    }
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

  /**
   * What operations see: `/health/readiness` checks for the database and the shared counters
   * (`degraded`, never `down`, while unreachable: the gateway keeps serving in its documented
   * degraded mode), and the outbox's backlog as `switchyard_queue_depth{queue="spend_outbox"}`.
   */
  reportTo(readiness: Readiness, metrics: MetricHooks | undefined): void {
    readiness.register('database', async (): Promise<ReadinessResult> => {
      const store = this.store.opened;
      if (store === undefined) return { status: 'ok', detail: 'not opened yet: it opens when the first virtual key is used' };
      const pending = this.#outbox?.pendingRows ?? 0;
      try {
        await store.ping();
        return { status: 'ok', detail: pending === 0 ? store.description : `${store.description}; ${pending} spend rows being delivered` };
      } catch {
        const mode = this.settings.failClosed ? 'virtual-key requests are refused (fail_closed_budget_enforcement)' : 'keys are served from the cache';
        return { status: 'degraded', detail: `${store.description} unreachable: ${mode}; ${pending} spend rows wait in the outbox` };
      }
    });
    const shared = this.shared;
    if (shared?.ping !== undefined) {
      readiness.register('counters', async (): Promise<ReadinessResult> => {
        const where = shared.description ?? 'shared counters';
        try {
          await shared.ping!();
          return { status: 'ok', detail: where };
        } catch {
          const mode = this.settings.failClosed ? 'virtual-key requests are refused (fail_closed_budget_enforcement)' : 'limits are counted per instance until it is back';
          return { status: 'degraded', detail: `${where} unreachable: ${mode}` };
        }
      });
    }
    metrics?.queueDepth('spend_outbox', () => this.#outbox?.pendingRows ?? 0);
  }

  async close(): Promise<void> {
    clearInterval(this.#probe);
    this.#stopResets();
    this.#unsubscribe();
    await this.#outbox?.close();
    await this.localCounters.close();
    await Promise.all([this.store.close(), this.shared?.close()]);
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

/** The config's Redis through the first `counters` plugin that can connect to it; none: per instance, said once. */
function connectSharedCounters(options: KeySystemOptions): SharedCounters | undefined {
  const connection = options.sharedCounters;
  if (connection === undefined) return undefined;
  const plugin = options.plugins.find((candidate): candidate is CounterStorePlugin & Required<Pick<CounterStorePlugin, 'connect'>> => candidate.kind === 'counters' && candidate.connect !== undefined);
  if (plugin === undefined) {
    options.logger.warn({ redis: connection.address }, 'router_settings names a Redis but no counter store plugin was given (GatewayOptions.stores: redisCounters from @switchyard/store-redis): budgets and rate limits are counted per instance');
    return undefined;
  }
  const shared = plugin.connect({ connection, clock: options.clock, logger: options.logger });
  options.logger.info({ store: shared.description ?? plugin.name }, 'budgets, rate limits and key invalidations are shared through Redis');
  return shared;
}
