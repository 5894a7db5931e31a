// What sharing state through Redis adds per request (issue 10 item 10, issue 13 item 10), against
// the Redis of SWITCHYARD_BENCH_REDIS_URL (default redis://127.0.0.1:6379), keys under a
// prefix of this run, removed at the end. Without a reachable Redis every row says so.
// - router state, simple-shuffle: nothing waits for Redis on the request's way (counts are
//   batched and sent between requests): gateway.handle() p50 with Redis state against without;
// - router state, usage-based-routing-v2 under an rpm limit: one atomic admission script per
//   request (the one round trip on that path);
// - the counter store: reserve + settle of one request (budget, rpm/tpm window, parallel count),
//   the two round trips the limits stage makes per request with Redis counters.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { createGateway, silentLogger } from '@switchyard/core';
import { configureRedisRouterState, openRedisCounters } from '@switchyard/store-redis';
import { measureMicros } from '../lib/measure.mjs';

const REDIS_URL = process.env.SWITCHYARD_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const messages = [{ role: 'user', content: 'Say hello in five words, please.' }];
const signal = new AbortController().signal;
const request = { method: 'POST', path: '/v1/chat/completions', headers: {}, body: { model: 'group', messages }, signal };

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function config(strategy, redis, suffix) {
  const model_list = Array.from({ length: 3 }, (_, index) => ({
    model_name: 'group',
    litellm_params: { model: 'openai/gpt-4o', mock_response: 'hi', rpm: 10_000_000 },
    model_info: { id: `bench-${suffix}-${index}` },
  }));
  return { model_list, router_settings: { routing_strategy: strategy, ...(redis ? { redis_url: REDIS_URL } : {}) } };
}

/** Each call yields to the event loop once, as a server between requests does: the batched sends to Redis (and their replies) run inside the measured time. */
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

async function handleP50(gateway, iterations) {
  const measured = await measureMicros(async () => {
    const response = await gateway.handle(request);
    if (response.status !== 200) throw new Error(`handle() answered ${response.status}: ${JSON.stringify(response.body)}`);
    await yieldToLoop();
  }, { iterations, warmup: 500 });
  await gateway.close();
  return measured;
}

export default async function redisSharedState({ quick }) {
  if (!(await reachable(REDIS_URL))) {
    return [{ name: 'Redis shared state', value: Number.NaN, unit: 'µs/call', detail: `skipped: no Redis at ${REDIS_URL}` }];
  }
  const iterations = quick ? 1000 : 10_000;
  const suffix = randomBytes(4).toString('hex');
  const keyPrefix = `switchyard-bench:${suffix}:`;
  const routerState = configureRedisRouterState({ keyPrefix });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300)); // the connection is up
  const results = [];
  for (const strategy of ['simple-shuffle', 'usage-based-routing-v2']) {
    const local = await handleP50(createGateway({ config: config(strategy, false, suffix), logger: silentLogger }), iterations);
    const shared = createGateway({ config: config(strategy, true, suffix), logger: silentLogger, routerState });
    await settle();
    const redis = await handleP50(shared, iterations);
    const added = redis.p50 - local.p50;
    results.push({
      name: `router state in Redis, ${strategy}: added latency p50`,
      value: added,
      unit: 'µs/call',
      detail: `${redis.p50.toFixed(1)} µs against ${local.p50.toFixed(1)} µs in process (p99 ${redis.p99.toFixed(1)} vs ${local.p99.toFixed(1)})${strategy === 'simple-shuffle' ? '; no round trip on the request path' : '; one admission script per request'}`,
    });
  }

  const shared = await openRedisCounters({ url: REDIS_URL, clock: Date.now, logger: silentLogger, keyPrefix });
  const budgets = [{ id: 'key:bench', windowEndsAt: null, limit: 10n ** 30n, baseline: 0n }];
  const rates = [{ id: 'key:bench', rpmLimit: 100_000_000, tpmLimit: 10_000_000_000 }];
  const parallel = [{ id: 'key:bench', limit: 1_000_000 }];
  let sequence = 0;
  const counters = await measureMicros(async () => {
    const outcome = await shared.counters.reserve({ reservationId: `${suffix}-${++sequence}`, amount: 10n ** 15n, tokens: 100, budgets, rates, parallel, leaseMs: 60_000 });
    if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.kind}`);
    await shared.counters.settle(outcome.reservation, { cost: 10n ** 14n, tokens: 80 });
  }, { iterations: quick ? 1000 : 5000, warmup: 200 });
  await shared.close();
  results.push({ name: 'Redis counters: reserve + settle p50', value: counters.p50, unit: 'µs/call', detail: `p99 ${counters.p99.toFixed(1)} µs; budget + rpm/tpm window + parallel count, two round trips` });

  // This run's keys only.
  const { Redis } = await import('ioredis');
  const admin = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await admin.del(...keys);
  } while (cursor !== '0');
  admin.disconnect();
  return results;
}
