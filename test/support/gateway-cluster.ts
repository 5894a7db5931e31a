import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { GatewayOptions, SharedCounters } from '@switchyard/core';
import { silentLogger } from '@switchyard/core';
import { postgresStorePlugin } from '@switchyard/store-postgres';
import { openRedisCounters } from '@switchyard/store-redis';
import { ALL_HOSTS, type Host } from './hosts.js';
import { redisUrl } from './services.js';

/**
 * Several gateway instances in this process, each on an ephemeral port with its own gateway,
 * pool, key cache, outbox folder and Redis connections, sharing one Postgres schema and one
 * Redis key prefix: what several machines behind a load balancer share. Instance i runs in
 * ALL_HOSTS[i % 3]: the standalone proxy, an Express app, a Koa app.
 */
export interface GatewayCluster {
  readonly instances: readonly Host[];
  /** Where the counters live in Redis (`switchyard:{limits}:` when they come from the config). */
  readonly keyPrefix: string;
  /** The folder holding every instance's spend outbox. */
  readonly outboxRoot: string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  readonly size: number;
  /** The config every instance loads; `general_settings.spend_outbox_path` is set per instance. */
  readonly config: Record<string, unknown> & { general_settings: Record<string, unknown> };
  readonly keyPrefix?: string;
  readonly gatewayOptions?: Partial<GatewayOptions>;
  /**
   * `options` (default): each instance is handed counters opened here, on `keyPrefix`.
   * `config`: nothing is handed over; the config's `router_settings.redis_url` is all there is,
   * as a user runs it (the counters then use the default prefix).
   */
  readonly countersFrom?: 'options' | 'config';
}

export async function startGatewayCluster(options: ClusterOptions): Promise<GatewayCluster> {
  const keyPrefix = options.keyPrefix ?? `test:{cluster-${randomBytes(4).toString('hex')}}:`;
  const outboxRoot = mkdtempSync(join(tmpdir(), 'switchyard-cluster-'));
  const shared: SharedCounters[] = [];
  const instances: Host[] = [];
  try {
    const fromConfig = options.countersFrom === 'config';
    for (let index = 0; index < options.size; index++) {
      const counters = fromConfig ? undefined : await openRedisCounters({ url: redisUrl, clock: Date.now, logger: silentLogger, keyPrefix });
      if (counters !== undefined) shared.push(counters);
      const routerSettings = (options.config.router_settings ?? {}) as Record<string, unknown>;
      const config = {
        ...options.config,
        general_settings: { ...options.config.general_settings, spend_outbox_path: join(outboxRoot, `instance-${index}`) },
        ...(fromConfig ? { router_settings: { ...routerSettings, redis_url: redisUrl } } : {}),
      };
      const [, startHost] = ALL_HOSTS[index % ALL_HOSTS.length]!;
      instances.push(await startHost({
        config,
        stores: [postgresStorePlugin],
        ...(counters === undefined ? {} : { counterStore: counters.counters, invalidationBus: counters.invalidation }),
        logger: silentLogger,
        ...options.gatewayOptions,
      }));
    }
  } catch (error) {
    await Promise.all(instances.map((host) => host.close()));
    await Promise.all(shared.map((counters) => counters.close()));
    throw error;
  }
  return {
    instances,
    keyPrefix: options.countersFrom === 'config' ? 'switchyard:{limits}:' : keyPrefix,
    outboxRoot,
    async close() {
      // Gateways first (their outboxes deliver what is left), then the counters they used.
      await Promise.all(instances.map((host) => host.close()));
      await Promise.all(shared.map((counters) => counters.close()));
      rmSync(outboxRoot, { recursive: true, force: true });
    },
  };
}
