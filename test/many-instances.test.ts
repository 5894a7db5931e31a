import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { openaiClient } from './support/keys-api.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { startGatewayCluster, type GatewayCluster } from './support/gateway-cluster.js';
import { adminQuery, dropSchema, uniqueSchemaName } from './support/postgres-schema.js';
import { postgresUrl, redisUrl, requireService } from './support/services.js';

/**
 * Issue 13's many-instance evidence: three gateway instances (the standalone proxy, an Express
 * app and a Koa app on ephemeral ports, each with its own pool, key cache, outbox and Redis
 * connections) on one Postgres schema and one Redis prefix, called through the openai SDK.
 * The budget and rpm limits must hold across them.
 */
const postgres = await requireService('postgres', 'many gateway instances');
const redis = await requireService('redis', 'many gateway instances');

const MASTER_KEY = 'sk-master-cluster-test-0000';
/** $0.001 per output token, nothing for input: a request's cost is exactly its completion tokens × $0.001. */
const OUTPUT_PRICE = 0.001;
const MAX_TOKENS = 10;
const MAX_COST_USD = MAX_TOKENS * OUTPUT_PRICE; // $0.01, what every request reserves

const MODES = [
  ['handed counters through GatewayOptions.counterStore', 'options'],
  ['configured only by router_settings.redis_url, as a user runs them', 'config'],
] as const;

describe.skipIf(!postgres.available || !redis.available).each(MODES)('three gateway instances on one Postgres and one Redis, %s', (_label, countersFrom) => {
  const schema = uniqueSchemaName('many_instances');
  let upstream: FakeUpstream;
  let cluster: GatewayCluster;
  /** SHA-256 of every key made here: with the config's default prefix, only their counters are cleaned up. */
  const keyHashes: string[] = [];

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    // Every answer uses all of max_tokens, so the actual cost equals the reservation: the
    // budget is binding on real spend, and any cross-instance leak shows as overshoot.
    upstream.handle((request, response) => {
      if (request.path !== '/v1/chat/completions') return false;
      const completion = Number(request.body?.max_tokens ?? 1);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({
        id: 'chatcmpl-cluster', object: 'chat.completion', created: 1, model: request.body?.model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: completion, total_tokens: completion + 1 },
      }));
      return true;
    });
    const url = new URL(postgresUrl);
    url.searchParams.set('schema', schema);
    cluster = await startGatewayCluster({
      size: 3,
      config: {
        model_list: [{
          model_name: 'metered',
          litellm_params: { model: 'openai/metered', api_base: upstream.url, api_key: 'sk-fake-upstream', input_cost_per_token: 0, output_cost_per_token: OUTPUT_PRICE },
        }],
        // A long key cache: a block can only reach the other instances through the invalidation bus.
        general_settings: { master_key: MASTER_KEY, database_url: url.toString(), user_api_key_cache_ttl: 600 },
      },
      countersFrom,
    });
  });

  afterAll(async () => {
    await cluster?.close();
    await upstream?.close();
    if (postgres.available) await dropSchema(schema);
    if (redis.available && cluster) {
      const admin = new Redis(redisUrl);
      const patterns = countersFrom === 'config' ? keyHashes.map((hash) => `${cluster.keyPrefix}*${hash}*`) : [`${cluster.keyPrefix}*`];
      for (const pattern of patterns) {
        const keys = await admin.keys(pattern);
        if (keys.length > 0) await admin.del(...keys);
      }
      await admin.quit();
    }
  });

  async function generateKey(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${cluster.instances[0]!.gatewayUrl}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { key?: string };
    expect(response.status, JSON.stringify(json)).toBe(200);
    keyHashes.push(createHash('sha256').update(json.key!).digest('hex'));
    return json.key!;
  }

  /** One chat request through the official openai SDK, as an application would send it. */
  async function chat(instance: number, key: string): Promise<{ status: number; callId: string | null; body: unknown }> {
    const client = openaiClient(cluster.instances[instance % cluster.instances.length]!.gatewayUrl, key);
    try {
      const { response } = await client.chat.completions
        .create({ model: 'metered', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      return { status: response.status, callId: response.headers.get('x-litellm-call-id'), body: undefined };
    } catch (error) {
      if (!(error instanceof OpenAI.APIError)) throw error;
      return { status: error.status ?? 0, callId: error.headers?.get('x-litellm-call-id') ?? null, body: { error: error.error } };
    }
  }

  interface LoggedRow {
    request_id: string;
    status: number;
    outcome: string;
    error_code: string | null;
    cost: string | null;
  }

  /** The key's spend log once `expectedRows` rows arrived (the outbox delivers off the request path). */
  async function spendLog(plaintextKey: string, expectedRows: number): Promise<LoggedRow[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await adminQuery<LoggedRow>(
        `SELECT request_id, status, outcome, error_code, cost::text AS cost FROM "${schema}".spend_logs
         WHERE key_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [plaintextKey]);
      if (rows.length >= expectedRows || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('64 concurrent requests on one key with a $0.205 budget: admitted spend stays within the budget (+0)', async () => {
    const budget = 0.205; // fits 20 requests of $0.01, not 21
    const key = await generateKey({ max_budget: budget, key_alias: `budget-${schema}` });
    const results = await Promise.all(Array.from({ length: 64 }, (_, index) => chat(index, key)));
    const admitted = results.filter((result) => result.status === 200);
    const refused = results.filter((result) => result.status !== 200);
    for (const result of refused) {
      expect(result.status).toBe(429);
      expect(result.body).toMatchObject({ error: { code: 'budget_exceeded' } });
    }
    const admittedSpend = admitted.length * MAX_COST_USD;
    expect(admittedSpend).toBeLessThanOrEqual(budget + 1e-12);
    // Exactly what fits: 20 × $0.01. Per-instance counting would have admitted up to 60.
    expect(admitted.length).toBe(20);
    // Every request is logged once, refusals included (status 429, no cost), as LiteLLM logs failures.
    const rows = await spendLog(key, 64);
    expect(rows.map((row) => row.request_id).sort()).toEqual(results.map((result) => result.callId).sort());
    const priced = rows.filter((row) => row.status === 200);
    expect(priced.map((row) => row.request_id).sort()).toEqual(admitted.map((result) => result.callId).sort());
    expect(priced.every((row) => row.cost === '0.010000000000000000')).toBe(true);
    expect(rows.filter((row) => row.status === 429).every((row) => row.cost === null && row.error_code === 'budget_exceeded')).toBe(true);
    const [stored] = await adminQuery<{ spend: string }>(`SELECT spend::text FROM "${schema}".keys WHERE key_alias = $1`, [`budget-${schema}`]);
    expect(stored?.spend).toBe('0.200000000000000000');
  });

  it('rpm_limit 10 across three instances: 10 admitted out of 30 concurrent requests in one minute', async () => {
    // Start well inside a minute, so the window does not roll over during the burst.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const key = await generateKey({ rpm_limit: 10, key_alias: `rpm-${schema}` });
    const results = await Promise.all(Array.from({ length: 30 }, (_, index) => chat(index, key)));
    const admitted = results.filter((result) => result.status === 200).length;
    const limited = results.filter((result) => result.status === 429);
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(admitted).toBeLessThanOrEqual(11); // within one request
    expect(admitted).toBe(10);
    expect(limited).toHaveLength(30 - admitted);
  }, 90_000);

  it('a key blocked through one instance is refused by the others within a second (invalidation over Redis, not the 600 s key cache)', async () => {
    const key = await generateKey({ key_alias: `block-${schema}` });
    // Every instance has the key in its cache.
    for (let instance = 0; instance < 3; instance++) expect((await chat(instance, key)).status).toBe(200);
    const blocked = await fetch(`${cluster.instances[0]!.gatewayUrl}/key/block`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    expect(blocked.status).toBe(200);
    expect((await chat(0, key)).status).toBe(401); // at once where it was blocked
    for (const instance of [1, 2]) {
      const deadline = Date.now() + 1_000;
      let status = 200;
      while (status === 200 && Date.now() < deadline) {
        status = (await chat(instance, key)).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status, `instance ${instance}`).toBe(401);
    }
  });

  it.runIf(countersFrom === 'config')('readiness reports the shared counters and the database, without a password', async () => {
    for (const instance of cluster.instances) {
      const response = await fetch(`${instance.gatewayUrl}/health/readiness`);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const checks = (JSON.parse(text) as { checks: Record<string, { status: string; detail?: string }> }).checks;
      expect(checks.counters).toEqual({ status: 'ok', detail: `redis ${new URL(redisUrl).host}` });
      expect(checks.database?.status).toBe('ok');
    }
  });
});
