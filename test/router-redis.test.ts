// Issue 10, item 10: router state shared through a real Redis. Three gateway instances (the
// standalone proxy, the Express mount and the Koa mount, each on its own port) on one Redis:
// a failing deployment is cooled on all three, failures counted on different instances trip
// allowed_fails together, a group's rpm holds across them, and Redis going away mid-test
// (a TCP proxy the test cuts) never fails a request and is logged once each way.
import type { GatewayConfig, Logger } from '@switchyard/core';
import { configureRedisRouterState } from '@switchyard/store-redis';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { startCutTcpProxy, type CutTcpProxy } from './support/cut-tcp-proxy.js';
import { FakeUpstream, errorBody, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host, type HostOptions } from './support/hosts.js';
import { modelEntry, modelsConfig, postJson } from './support/model-config.js';
import { redisUrl, requireService } from './support/services.js';

const redis = await requireService('redis', 'router state shared through Redis');
const HI = [{ role: 'user' as const, content: 'Hi' }];

/** A clock 1 s into a fresh minute, so per-minute counts cannot turn over during a test. */
function minuteClock(): () => number {
  const base = Math.ceil(Date.now() / 60_000) * 60_000 + 1_000;
  const started = performance.now();
  return () => base + Math.floor(performance.now() - started);
}

interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly object: object;
}

function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (object: object, message = '') => void lines.push({ level, message, object });
  return { debug: () => undefined, info: at('info'), warn: at('warn'), error: at('error') };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 3_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

describe.skipIf(!redis.available)('router state shared through Redis', () => {
  let upstreams: FakeUpstream[];
  let a: FakeUpstream;
  let b: FakeUpstream;
  let admin: Redis;
  let suffix: string;
  let prefix: string;
  let hosts: Host[] = [];
  let lines: LogLine[];

  beforeAll(async () => {
    upstreams = await Promise.all([FakeUpstream.start(), FakeUpstream.start()]);
    [a, b] = upstreams as [FakeUpstream, FakeUpstream];
    admin = new Redis(redisUrl, { lazyConnect: true });
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
    admin.disconnect();
  });
  beforeEach(() => {
    upstreams.forEach((upstream) => upstream.reset());
    suffix = randomBytes(4).toString('hex');
    prefix = `switchyard-test:router-redis:${suffix}:`;
    lines = [];
  });
  afterEach(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    hosts = [];
    // This test's keys only: its own prefix, and the default prefix's keys of its own deployment ids.
    for (const pattern of [`${prefix}*`, `switchyard:{router}:*${suffix}`]) {
      const keys = await admin.keys(pattern);
      if (keys.length > 0) await admin.del(...keys);
    }
  });

  const ids = () => ({ a: `a-${suffix}`, b: `b-${suffix}` });
  const group = (params: [Record<string, unknown>, Record<string, unknown>] = [{}, {}]) => [
    modelEntry(a.url, 'gpt-4o', 'openai/gpt-4o', params[0], { id: ids().a }),
    modelEntry(b.url, 'gpt-4o', 'openai/gpt-4o', params[1], { id: ids().b }),
  ];
  const failWith = (upstream: FakeUpstream, status: number) =>
    upstream.handle((_request, response) => {
      sendJson(response, status, errorBody(`failure ${status}`, 'server_error', 'server_error'));
      return true;
    });

  /** One instance of each kind (standalone, Express, Koa), all on the same Redis. */
  const startThree = async (config: GatewayConfig, options: Partial<HostOptions> = {}) => {
    const clock = minuteClock();
    hosts = await Promise.all(ALL_HOSTS.map(([, start]) => start({ config, clock, random: () => 0, logger: recordingLogger(lines), ...options })));
    return hosts.map((host) => new OpenAI({ apiKey: 'sk-master', baseURL: `${host.gatewayUrl}/v1`, maxRetries: 0 }));
  };
  const health = async (host: Host) => {
    const response = await fetch(`${host.gatewayUrl}/health/deployments`, { headers: { authorization: 'Bearer sk-master' } });
    const body = await readJson(response);
    expect(body.shared_state).toBe(true);
    return new Map<string, any>(body.deployments.map((deployment: any) => [deployment.id, deployment]));
  };
  const shared = () => configureRedisRouterState({ keyPrefix: prefix, pollIntervalMs: 100 });

  it('a deployment cooled on one instance is cooled on all three (the default wiring of every host)', async () => {
    failWith(a, 429);
    // No routerState option: the standalone proxy, Express and Koa find @switchyard/store-redis themselves.
    // The real clock here: this test shares the default key prefix with whatever else uses this Redis.
    const clients = await startThree(modelsConfig(group(), { router_settings: { redis_url: redisUrl, num_retries: 1, cooldown_time: 30 } }), { clock: Date.now });
    const first = await clients[0]!.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse();
    expect(first.response.headers.get('x-switchyard-deployment')).toBe(ids().b);
    expect(a.requests).toHaveLength(1);
    for (const host of hosts.slice(1)) {
      const waited = await until(async () => (await health(host)).get(ids().a)?.state === 'cooling_down', `the cooldown on ${host.name}`);
      expect(waited).toBeLessThan(1_000);
      expect((await health(host)).get(ids().a).cooldown_reason).toBe('upstream answered 429 (on another instance)');
    }
    // random() = 0 would pick a first: every instance now goes to b without trying a.
    for (const client of clients.slice(1)) {
      const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse();
      expect(response.headers.get('x-switchyard-deployment')).toBe(ids().b);
      expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    }
    expect([a.requests.length, b.requests.length]).toEqual([1, 3]);
    // Nothing but the key system's one line per instance saying its counters share that Redis too.
    const counters = 'budgets, rate limits and key invalidations are shared through Redis';
    expect(lines.filter((line) => line.message !== counters && (line.level !== 'info' || /redis/i.test(line.message)))).toEqual([]);
    expect(lines.filter((line) => line.message === counters)).toHaveLength(3);
    // Closing on purpose is not an outage.
    await Promise.all(hosts.map((host) => host.close()));
    hosts = [];
    expect(lines.filter((line) => line.message !== counters && /redis/i.test(line.message))).toEqual([]);
  });

  it('failures on different instances add up: allowed_fails trips for all of them together', async () => {
    failWith(a, 500);
    const clients = await startThree(modelsConfig(group(), { router_settings: { redis_url: redisUrl, allowed_fails: 3, cooldown_time: 30 } }), { routerState: shared() });
    // Four failures, at most two on any one instance (each alone stays within allowed_fails: 3).
    for (const index of [0, 1, 2, 0]) {
      const error = await clients[index]!.chat.completions.create({ model: 'gpt-4o', messages: HI }).catch((caught: unknown) => caught);
      expect((error as { status?: number }).status).toBe(500);
    }
    for (const host of hosts) {
      await until(async () => (await health(host)).get(ids().a)?.state === 'cooling_down', `the cooldown on ${host.name}`);
    }
    // The counts are the cluster's (each instance alone saw at most two).
    await until(async () => (await health(hosts[1]!)).get(ids().a)?.failures_this_minute === 4, 'the counts on instance 2');
    expect((await health(hosts[1]!)).get(ids().a)).toMatchObject({ failures_this_minute: 4, requests_this_minute: 4 });
    for (const client of clients) {
      const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse();
      expect(response.headers.get('x-switchyard-deployment')).toBe(ids().b);
    }
    expect([a.requests.length, b.requests.length]).toEqual([4, 3]);
  });

  it("a group's rpm holds across the three instances, under concurrency and one by one", async () => {
    const config = modelsConfig(group([{ rpm: 4 }, { rpm: 2 }]), { router_settings: { redis_url: redisUrl, routing_strategy: 'usage-based-routing-v2' } });
    const clients = await startThree(config, { routerState: shared() });
    // 18 requests at once, 6 to each instance: the group has room for 4 + 2 this minute.
    const outcomes = await Promise.all(
      Array.from({ length: 18 }, (_, index) =>
        clients[index % 3]!.chat.completions.create({ model: 'gpt-4o', messages: HI }).then(
          () => 200,
          (error: { status?: number; code?: string }) => `${error.status} ${error.code}`,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 200)).toHaveLength(6);
    expect(outcomes.filter((outcome) => outcome === '429 model_group_at_capacity')).toHaveLength(12);
    expect([a.requests.length, b.requests.length]).toEqual([4, 2]);
    // And one more on each instance, one after the other: still full everywhere.
    for (const host of hosts) {
      const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'gpt-4o', messages: HI }));
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await health(hosts[2]!)).get(ids().a)).toMatchObject({ requests_this_minute: 4 });
  });

  describe('Redis going away', () => {
    let proxy: CutTcpProxy;
    beforeEach(async () => {
      const { hostname, port } = new URL(redisUrl);
      proxy = await startCutTcpProxy({ host: hostname, port: Number(port) });
    });
    afterEach(() => proxy.close());

    const startBehindProxy = (extra: Record<string, unknown> = {}) =>
      startThree(modelsConfig(group(), { router_settings: { redis_host: '127.0.0.1', redis_port: proxy.port, ...extra } }), {
        routerState: configureRedisRouterState({ keyPrefix: prefix, pollIntervalMs: 50, commandTimeoutMs: 100 }),
      });
    // The router's own lines: the key system's counters share the same Redis and log for themselves.
    const redisLines = () => lines.filter((line) => /^router shared state/.test(line.message)).map((line) => `${line.level}: ${line.message}`);

    it('stopped mid-test: requests keep flowing on local state, one line when it goes, one when it is back', async () => {
      failWith(a, 429);
      const clients = await startBehindProxy({ num_retries: 1, cooldown_time: 30 });
      await clients[0]!.chat.completions.create({ model: 'gpt-4o', messages: HI });
      proxy.down();
      await until(async () => redisLines().length > 0, 'the outage to be logged');
      for (let round = 0; round < 5; round++) {
        for (const client of clients) {
          const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse();
          expect(response.status).toBe(200);
        }
      }
      const down = redisLines();
      expect(down).toHaveLength(3); // one per instance, however many requests and reconnects
      for (const line of down) expect(line).toMatch(/^warn: router shared state: Redis is unreachable \(.+\); routing on this instance's own state until it is back$/);
      proxy.up();
      await until(async () => redisLines().length === 6, 'every instance to find Redis back', 5_000);
      expect(redisLines().slice(3)).toEqual(Array(3).fill("info: router shared state: Redis is reachable again; sharing state with the other instances"));
      // Sharing again: a cooldown on instance 3 reaches instance 1.
      b.reset();
      failWith(b, 429);
      const third = await clients[2]!.chat.completions.create({ model: 'gpt-4o', messages: HI }).catch((error: unknown) => error);
      expect((third as { status?: number }).status).toBe(429);
      await until(async () => (await health(hosts[0]!)).get(ids().b)?.state === 'cooling_down', 'the cooldown after recovery');
      expect(JSON.stringify(lines)).not.toContain('sk-');
    });

    it('hung (a partition): requests keep flowing, delayed by at most the command timeout', async () => {
      // rpm limits: every pick asks Redis (the one round trip on the hot path), so a hung Redis is felt at once.
      const config = modelsConfig(group([{ rpm: 1000 }, { rpm: 1000 }]), { router_settings: { redis_host: '127.0.0.1', redis_port: proxy.port, routing_strategy: 'usage-based-routing-v2' } });
      const clients = await startThree(config, { routerState: configureRedisRouterState({ keyPrefix: prefix, pollIntervalMs: 50, commandTimeoutMs: 100 }) });
      await clients[0]!.chat.completions.create({ model: 'gpt-4o', messages: HI });
      proxy.hang();
      const started = performance.now();
      for (let round = 0; round < 4; round++) {
        const results = await Promise.all(clients.map((client) => client.chat.completions.create({ model: 'gpt-4o', messages: HI }).withResponse()));
        for (const { response } of results) expect(response.status).toBe(200);
      }
      // The first request on each instance waits out one command timeout (100 ms); the rest go on locally.
      expect(performance.now() - started).toBeLessThan(2_000);
      await until(async () => redisLines().length >= 3, 'the partition to be logged');
      expect(redisLines()).toEqual(Array(3).fill("warn: router shared state: Redis is unreachable (Command timed out); routing on this instance's own state until it is back"));
    });
  });
});
