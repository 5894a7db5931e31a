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
}

export async function startGatewayCluster(options: ClusterOptions): Promise<GatewayCluster> {
  const keyPrefix = options.keyPrefix ?? `test:{cluster-${randomBytes(4).toString('hex')}}:`;
  const outboxRoot = mkdtempSync(join(tmpdir(), 'switchyard-cluster-'));
  const shared: SharedCounters[] = [];
  const instances: Host[] = [];
  try {
    for (let index = 0; index < options.size; index++) {
      const counters = await openRedisCounters({ url: redisUrl, clock: Date.now, logger: silentLogger, keyPrefix });
      shared.push(counters);
      const config = {
        ...options.config,
        general_settings: { ...options.config.general_settings, spend_outbox_path: join(outboxRoot, `instance-${index}`) },
      };
      const [, startHost] = ALL_HOSTS[index % ALL_HOSTS.length]!;
      instances.push(await startHost({
        config,
        stores: [postgresStorePlugin],
        counterStore: counters.counters,
        invalidationBus: counters.invalidation,
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
    keyPrefix,
    outboxRoot,
    async close() {
      // Gateways first (their outboxes deliver what is left), then the counters they used.
      await Promise.all(instances.map((host) => host.close()));
      await Promise.all(shared.map((counters) => counters.close()));
      rmSync(outboxRoot, { recursive: true, force: true });
    },
  };
}
