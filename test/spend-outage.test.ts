import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { FakeUpstream } from './support/fake-upstream.js';
import { startGatewayCluster, type GatewayCluster } from './support/gateway-cluster.js';
import { adminQuery, dropSchema, postgresUrlVia, uniqueSchemaName } from './support/postgres-schema.js';
import { postgresUrl, redisUrl, requireService } from './support/services.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

/**
 * Issue 13 item 7: the database goes away (every connection to it cut, through a TCP proxy the
 * test controls) while two gateway instances serve virtual-key traffic. Requests keep flowing
 * (or, fail-closed, are refused with a fast 503); spend rows wait in each instance's outbox on
 * disk; when the database is back every row arrives exactly once.
 */
const postgres = await requireService('postgres', 'spend during a database outage');
const redis = await requireService('redis', 'spend during a database outage');

const MASTER_KEY = 'sk-master-outage-test-0000';

function startUpstream(): Promise<FakeUpstream> {
  return FakeUpstream.start();
}

function modelList(upstream: FakeUpstream) {
  return [{ model_name: 'metered', litellm_params: { model: 'openai/metered', api_base: upstream.url, api_key: 'sk-fake-upstream', input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 } }];
}

async function post(url: string, key: string, body: unknown): Promise<{ status: number; headers: Headers; json: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json: unknown = await response.json();
  return { status: response.status, headers: response.headers, json, ms: performance.now() - started };
}

const chatBody = { model: 'metered', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] };

function bytesUnder(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function clearRedis(prefix: string): Promise<void> {
  const admin = new Redis(redisUrl);
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
}

describe.skipIf(!postgres.available || !redis.available)('the database goes away under load', () => {
  let upstream: FakeUpstream;
  let proxy: TcpProxy;
  const schemas: string[] = [];
  const clusters: GatewayCluster[] = [];

  beforeAll(async () => {
    upstream = await startUpstream();
    const target = new URL(postgresUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  });

  afterAll(async () => {
    proxy?.restore();
    for (const cluster of clusters) {
      await cluster.close();
      await clearRedis(cluster.keyPrefix);
    }
    await proxy?.close();
    await upstream?.close();
    for (const schema of schemas) await dropSchema(schema);
  });

  async function cluster(general: Record<string, unknown>): Promise<{ cluster: GatewayCluster; schema: string; key: string }> {
    const schema = uniqueSchemaName('spend_outage');
    schemas.push(schema);
    const url = new URL(postgresUrlVia(proxy.address));
    url.searchParams.set('schema', schema);
    url.searchParams.set('pool_timeout', '1');
    url.searchParams.set('statement_timeout', '1000');
    const started = await startGatewayCluster({
      size: 2,
      config: { model_list: modelList(upstream), general_settings: { master_key: MASTER_KEY, database_url: url.toString(), user_api_key_cache_ttl: 600, ...general } },
    });
    clusters.push(started);
    const generated = await post(`${started.instances[0]!.gatewayUrl}/key/generate`, MASTER_KEY, { max_budget: 100 });
    expect(generated.status, JSON.stringify(generated.json)).toBe(200);
    return { cluster: started, schema, key: generated.json.key as string };
  }

  it.each([
    ['refused (the server is down)', 'reset'],
    ['swallowed (a network partition: every query waits for its timeout)', 'blackhole'],
  ] as const)('keeps serving while connections to the database are %s, and every spend row arrives exactly once after', async (_label, mode) => {
    const { cluster: gateways, schema, key } = await cluster({});
    const callIds: string[] = [];
    // Warm every instance's key cache while the database is up.
    for (const instance of gateways.instances) {
      const warm = await post(`${instance.gatewayUrl}/v1/chat/completions`, key, chatBody);
      expect(warm.status).toBe(200);
      callIds.push(warm.headers.get('x-litellm-call-id')!);
    }

    proxy.cut(mode);
    const outboxBefore = bytesUnder(outboxFolder(gateways));
    const heapBefore = process.memoryUsage().heapUsed;
    const during: { status: number; callId: string | null }[] = [];
    for (let round = 0; round < 50; round++) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, index) => post(`${gateways.instances[index % 2]!.gatewayUrl}/v1/chat/completions`, key, chatBody)));
      during.push(...batch.map((result) => ({ status: result.status, callId: result.headers.get('x-litellm-call-id') })));
    }
    expect(during.filter((result) => result.status !== 200)).toEqual([]);
    callIds.push(...during.map((result) => result.callId!));
    // The rows wait on disk, not in memory; the database has none of them yet.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bytesUnder(outboxFolder(gateways))).toBeGreaterThan(outboxBefore + 1000 * 100);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    const [missing] = await adminQuery<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${schema}".spend_logs WHERE request_id = ANY($1)`, [during.map((result) => result.callId)]);
    expect(missing?.rows).toBe(0);

    proxy.restore();
    const deadline = Date.now() + 20_000;
    let rows: { request_id: string }[] = [];
    while (Date.now() < deadline) {
      rows = await adminQuery<{ request_id: string }>(`SELECT request_id FROM "${schema}".spend_logs`);
      if (rows.length >= callIds.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rows.map((row) => row.request_id).sort()).toEqual([...callIds].sort());
    const [day] = await adminQuery<{ requests: number; spend: string }>(`SELECT sum(requests)::int AS requests, sum(spend)::text AS spend FROM "${schema}".spend_daily_key`);
    const [logged] = await adminQuery<{ spend: string }>(`SELECT sum(cost)::text AS spend FROM "${schema}".spend_logs`);
    expect(day?.requests).toBe(callIds.length);
    expect(day?.spend).toBe(logged?.spend);
    const [stored] = await adminQuery<{ spend: string }>(`SELECT spend::text FROM "${schema}".keys`);
    expect(stored?.spend).toBe(logged?.spend);
  }, 60_000);

  it('with fail_closed_budget_enforcement, refuses virtual-key requests with a 503 within 50 ms while the database is cut', async () => {
    const { cluster: gateways, key } = await cluster({ fail_closed_budget_enforcement: true });
    const url = `${gateways.instances[0]!.gatewayUrl}/v1/chat/completions`;
    expect((await post(url, key, chatBody)).status).toBe(200);
    proxy.cut('reset');
    // The instance notices within its probe interval (1 s); from then on it refuses at once.
    const noticeBy = Date.now() + 5_000;
    let first = await post(url, key, chatBody);
    while (first.status === 200 && Date.now() < noticeBy) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      first = await post(url, key, chatBody);
    }
    expect(first.status).toBe(503);
    const refusals = [];
    for (let index = 0; index < 20; index++) refusals.push(await post(url, key, chatBody));
    for (const refusal of refusals) {
      expect(refusal.status).toBe(503);
      expect(refusal.json).toMatchObject({ error: { code: 'store_unavailable', type: expect.any(String), message: expect.any(String) } });
      expect(JSON.stringify(refusal.json)).not.toContain('postgres://');
    }
    const times = refusals.map((refusal) => refusal.ms).sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(50);
    expect(times.at(-1)).toBeLessThan(50);
    proxy.restore();
    const recoverBy = Date.now() + 10_000;
    let again = await post(url, key, chatBody);
    while (again.status !== 200 && Date.now() < recoverBy) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      again = await post(url, key, chatBody);
    }
    expect(again.status).toBe(200);
  }, 60_000);
});

function outboxFolder(cluster: GatewayCluster): string {
  return cluster.outboxRoot;
}
