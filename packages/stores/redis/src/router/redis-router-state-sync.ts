import type { AdmitLimits, AdmitResult, DeploymentHealth, ErrorClass, RouterStateFactoryOptions, RouterStateSync } from '@switchyard/core';
import type { Redis } from 'ioredis';
import { ConnectionWatch } from '../connection-watch.js';
import { closeRedisClient } from '../create-redis-client.js';
import { applyCooldown, applyCounts, type SyncReply } from './apply-counts.js';
import { deltaFields, PendingBatch } from './pending-counts.js';
import { ADMIT_SCRIPT, SYNC_SCRIPT } from './router-scripts.js';
import type { RedisRouterStateSettings } from './redis-router-state-settings.js';

interface ScriptedRedis extends Redis {
  switchyardRouterSync(...args: string[]): Promise<SyncReply[]>;
  switchyardRouterAdmit(key: string, ...args: string[]): Promise<[number, number, number]>;
}

/** Ids published by other instances are trusted (our Redis) but still bounded in number and length. */
const MAX_REMOTE_DEPLOYMENTS = 10_000;
const MAX_ID_LENGTH = 512;

/**
 * Router state shared through Redis. Nothing on a request's way waits for Redis: starts, ends,
 * tokens and failures are counted locally at once and queued; one script call per batch sends
 * them (a batch goes as soon as the previous one is answered, so a busy instance sends one call
 * per round trip, whatever its request rate) and brings back the cluster's counts, which replace
 * the local ones. A timer sends an empty batch for every known deployment every poll interval
 * (idle instances learn the others' counts, and it is the heartbeat). Cooldowns are published
 * and applied by every instance as they arrive. The two exceptions, each one round trip: a
 * failed call waits for its batch (so the cooldown decision sees every instance's failures),
 * and usage-based routing admits a call under an rpm/tpm limit with an atomic script.
 * Redis unreachable: everything above is skipped, routing goes on with the local counts.
 */
export class RedisRouterStateSync implements RouterStateSync {
  readonly shared = true;
  readonly #client: ScriptedRedis;
  readonly #subscriber: Redis;
  readonly #watch: ConnectionWatch;
  readonly #options: RouterStateFactoryOptions;
  readonly #settings: RedisRouterStateSettings;
  readonly #ownInFlight = new Map<DeploymentHealth, number>();
  #pending = new PendingBatch();
  #inFlightBatch: PendingBatch | undefined;
  #scheduled = false;
  #waiters: (() => void)[] = [];
  readonly #poll: NodeJS.Timeout;
  #closed = false;
  /** Settles on the first connection, or after the command timeout: an admission asked just after start waits for it. */
  readonly #started: Promise<void>;

  constructor(options: { factory: RouterStateFactoryOptions; settings: RedisRouterStateSettings; client: Redis; subscriber: Redis }) {
    this.#options = options.factory;
    this.#settings = options.settings;
    this.#client = options.client as ScriptedRedis;
    this.#client.defineCommand('switchyardRouterSync', { numberOfKeys: 0, lua: SYNC_SCRIPT });
    this.#client.defineCommand('switchyardRouterAdmit', { numberOfKeys: 1, lua: ADMIT_SCRIPT });
    this.#watch = new ConnectionWatch({ client: options.client, logger: options.factory.logger, what: 'router shared state', address: options.factory.connection.address });
    this.#subscriber = options.subscriber;
    this.#subscriber.on('error', () => undefined);
    this.#subscriber.on('message', (_channel: string, message: string) => this.#onEvent(message));
    this.#subscriber.subscribe(`${this.#settings.keyPrefix}events`).catch(() => undefined);
    this.#poll = setInterval(() => this.#pollAll(), this.#settings.pollIntervalMs);
    this.#poll.unref();
    // Counts made while disconnected go out as soon as the connection is back.
    options.client.on('ready', () => this.#schedule());
    this.#started = new Promise((resolve) => {
      const timer = setTimeout(resolve, this.#settings.commandTimeoutMs);
      timer.unref();
      options.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  started(health: DeploymentHealth, admitted: boolean): void {
    this.#ownInFlight.set(health, (this.#ownInFlight.get(health) ?? 0) + 1);
    const entry = this.#pending.of(health);
    if (!admitted) entry.requests++;
    this.#schedule();
  }

  ended(health: DeploymentHealth): void {
    this.#ownInFlight.set(health, Math.max(0, (this.#ownInFlight.get(health) ?? 0) - 1));
    this.#pending.of(health);
    this.#schedule();
  }

  tokensUsed(health: DeploymentHealth, tokens: number): void {
    this.#pending.of(health).tokens += tokens;
    this.#schedule();
  }

  failed(health: DeploymentHealth, errorClass: ErrorClass): void {
    const entry = this.#pending.of(health);
    entry.failures++;
    entry.classes.set(errorClass, (entry.classes.get(errorClass) ?? 0) + 1);
    this.#schedule();
  }

  cooled(health: DeploymentHealth): void {
    this.#pending.of(health);
    this.#schedule();
  }

  refresh(health: DeploymentHealth): Promise<void> {
    if (!this.#watch.up || this.#closed) return Promise.resolve();
    this.#pending.of(health);
    this.#schedule();
    // Settled by the batch after the one in flight (which may have left before this call).
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async admit(health: DeploymentHealth, limits: AdmitLimits): Promise<AdmitResult> {
    if (!this.#watch.up && (this.#client.status === 'connecting' || this.#client.status === 'connect')) await this.#started;
    if (!this.#watch.up || this.#closed) return 'local';
    const key = `${this.#settings.keyPrefix}use:${health.minute}:${health.id}`;
    try {
      const [admitted, requests, tokens] = await this.#client.switchyardRouterAdmit(key, String(limits.rpm ?? -1), String(limits.tpm ?? -1), String(this.#settings.usageTtlMs));
      this.#watch.succeeded();
      const pending = this.#pending.find(health, health.minute)?.requests ?? 0;
      // The call that was just counted there is counted here by callStarted.
      health.requests = Math.max(health.requests, requests + pending - admitted);
      health.tokens = Math.max(health.tokens, tokens);
      return admitted === 1 ? 'admitted' : 'full';
    } catch (error) {
      this.#watch.failed(error as Error);
      return 'local';
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    this.#release();
    // A closed instance's calls in flight no longer count anywhere.
    const { keyPrefix, instanceId } = this.#settings;
    if (this.#watch.up && this.#client.status === 'ready') {
      await this.#client.multi().zrem(`${keyPrefix}instances`, instanceId).del(`${keyPrefix}inflight:${instanceId}`).exec().catch(() => undefined);
    }
    this.#watch.stop();
    await Promise.all([closeRedisClient(this.#client), closeRedisClient(this.#subscriber)]);
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlightBatch !== undefined || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#inFlightBatch !== undefined) return;
    if (this.#pending.size === 0) return this.#release();
    const batch = this.#pending;
    this.#pending = new PendingBatch();
    const waiters = this.#waiters;
    this.#waiters = [];
    const now = this.#options.clock();
    // Not connected: the counts wait for the connection (this minute's only, so the wait stays
    // bounded by the number of deployments). Connected but marked down (a timeout on a hung
    // server): the batch goes anyway, as the probe that finds it back.
    if (this.#closed || this.#client.status !== 'ready') {
      this.#keep(batch, now);
      for (const resolve of waiters) resolve();
      return;
    }
    this.#inFlightBatch = batch;
    let sent = false;
    try {
      const replies = await this.#client.switchyardRouterSync(...this.#scriptArguments(batch, now));
      sent = true;
      this.#watch.succeeded();
      let index = 0;
      const answeredAt = this.#options.clock();
      for (const entry of batch.values()) {
        const reply = replies[index++];
        if (reply === undefined) continue;
        applyCounts({ sent: entry, reply, since: this.#pending.find(entry.health, entry.minute), ownInFlight: this.#ownInFlight.get(entry.health) ?? 0, now: answeredAt });
      }
    } catch (error) {
      this.#watch.failed(error as Error);
      // A timeout may still have been applied by Redis: sending it again could count it twice.
      if (!sent && !/timed out/i.test((error as Error).message)) this.#keep(batch, this.#options.clock());
    } finally {
      this.#inFlightBatch = undefined;
      for (const resolve of waiters) resolve();
      if (this.#pending.size > 0) this.#schedule();
    }
  }

  #keep(batch: PendingBatch, now: number): void {
    const minute = Math.floor(now / 60_000);
    for (const entry of batch.values()) this.#pending.keep(entry, minute);
  }

  #scriptArguments(batch: PendingBatch, now: number): string[] {
    const { keyPrefix, instanceId, staleMs, usageTtlMs } = this.#settings;
    const args = [keyPrefix, instanceId, String(now), String(staleMs), String(usageTtlMs), String(batch.size)];
    for (const entry of batch.values()) {
      const { health } = entry;
      const cooling = health.cooldownUntil > now;
      const fields = deltaFields(entry);
      args.push(health.id, String(entry.minute), String(this.#ownInFlight.get(health) ?? 0));
      args.push(cooling ? String(health.cooldownUntil) : '0', cooling ? health.cooldownReason.replace(/ \(on another instance\)$/, '') : '');
      args.push(String(fields.length / 2), ...fields);
    }
    return args;
  }

  /** Every known deployment, each poll: the heartbeat, and the others' counts for idle instances. */
  #pollAll(): void {
    if (this.#closed || this.#client.status !== 'ready') return;
    const now = this.#options.clock();
    for (const health of this.#options.state.all()) {
      health.roll(now);
      this.#pending.of(health);
    }
    this.#schedule();
  }

  /** Settles waiters when nothing is left to send. */
  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #onEvent(message: string): void {
    const first = message.indexOf('|');
    if (first <= 0 || first > MAX_ID_LENGTH) return;
    const id = message.slice(0, first);
    const state = this.#options.state;
    const health = state.peek(id) ?? (state.size < MAX_REMOTE_DEPLOYMENTS ? state.of(id) : undefined);
    if (health !== undefined) applyCooldown(health, message.slice(first + 1), this.#options.clock());
  }
}
