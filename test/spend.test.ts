// Issue 13, spend: one spend row per request (the gateway's call id, exact cost), /spend/logs
// filters and cursor pages, /global/spend/report from the rollups, and the outbox: a store
// outage (requests keep flowing, rows arrive exactly once afterwards), lost acknowledgements
// (no duplicates), a gateway that stops with rows still queued (the next one delivers them),
// and fail-closed enforcement (503 while the store is down).
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError, type DataStore } from '@switchyard/core';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, errorBody, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, startExpressHost, type Host } from './support/hosts.js';
import { eventually, keysApi, openaiClient, tempFolder } from './support/keys-api.js';
import { modelEntry, modelsConfig } from './support/model-config.js';
import { manualClock } from './support/counter-store-contract.js';

const HI = [{ role: 'user' as const, content: 'Hi' }];
// gpt-4o-mini at 1.5e-7 in, 6e-7 out; the fake upstream's usage is 12 in, 3 out.
const COST = '0.0000036';

function models(apiBase: string) {
  return [modelEntry(apiBase, 'gpt-4o-mini', 'openai/gpt-4o-mini'), modelEntry(apiBase, 'gpt-4.1-mini', 'openai/gpt-4.1-mini')];
}

/** A store the test can take down (every call rejects) or make lose acknowledgements (the write commits, the caller hears an error). */
function switchable(store: DataStore) {
  const state = { down: false, lostAcks: 0, writes: 0 };
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...parameters: unknown[]) => {
        if (state.down && property !== 'close') throw new GatewayError('store_unavailable', 'the test took the store down');
        const result: unknown = await (value as (...args: unknown[]) => unknown).apply(target, parameters);
        if (property === 'writeSpend') {
          state.writes++;
          if (state.lostAcks > 0) {
            state.lostAcks--;
            throw new Error('connection reset after commit');
          }
        }
        return result;
      };
    },
  });
  return { store: proxy, state };
}

describe.each(ALL_HOSTS)('spend logs and reports (%s)', (name, startHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let folder: ReturnType<typeof tempFolder>;
  const clock = manualClock(Date.UTC(2026, 11, 2, 10, 0, 0));

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    folder = tempFolder('spend');
    host = await startHost({ clock, config: modelsConfig(models(upstream.url), { general_settings: { master_key: 'sk-master', database_url: folder.url } }) });
  });
  afterAll(async () => {
    await host?.close();
    await upstream?.close();
    folder?.remove();
  });

  it('writes one row per request with the call id, the key, the model, tokens and the exact cost', async () => {
    const api = keysApi(host.gatewayUrl);
    const team = (await api.post('/team/new', { team_id: `spend-team-${name}` })).body;
    const key = await api.generate({ key_alias: `spender-${name}`, team_id: team.team_id, user_id: `spender-${name}`, tags: ['billing'] });
    const { data, response } = await openaiClient(host.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI }).withResponse();
    expect(data.id).toBe('chatcmpl-fake');
    const callId = response.headers.get('x-litellm-call-id')!;
    expect(callId).toMatch(/^req_/);
    expect(response.headers.get('x-switchyard-response-cost')).toBe(COST);
    const row = await eventually(async () => (await api.get('/spend/logs', { request_id: callId })).body.data[0]);
    const keyHash = (await api.get('/key/info', { key })).body.key;
    expect(row).toMatchObject({
      request_id: callId,
      api_key: keyHash,
      key_alias: `spender-${name}`,
      team_id: team.team_id,
      user: `spender-${name}`,
      model: 'gpt-4o-mini',
      custom_llm_provider: 'openai',
      call_type: 'chat.completions',
      prompt_tokens: 12,
      completion_tokens: 3,
      total_tokens: 15,
      spend_exact: COST,
      spend: Number(COST),
      status: 'success',
      http_status: 200,
      request_tags: ['billing'],
      // The injected clock stands still: the request ended at it and started its duration before.
      endTime: '2026-12-02T10:00:00.000Z',
    });
    expect(Date.parse(row.endTime) - Date.parse(row.startTime)).toBe(row.duration_ms);
    // The key's spend and its per-model spend, in /key/info.
    const info = await eventually(async () => {
      const body = (await api.get('/key/info', { key })).body.info;
      return body.spend > 0 ? body : undefined;
    });
    expect(info).toMatchObject({ spend: Number(COST), model_spend: { 'gpt-4o-mini': Number(COST) } });
  });

  it('a failed request leaves a row too (no cost), and a client-chosen x-request-id never merges two rows', async () => {
    const api = keysApi(host.gatewayUrl);
    const key = await api.generate();
    const client = openaiClient(host.gatewayUrl, key);
    const headers = { 'x-request-id': `same-id-${name}` };
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }, { headers });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }, { headers });
    await client.chat.completions.create({ model: 'no-such-model', messages: HI }).catch(() => undefined);
    const rows = await eventually(async () => {
      const data = (await api.get('/spend/logs', { api_key: key })).body.data;
      return data.length === 3 ? data : undefined;
    });
    expect(new Set(rows.map((row: { request_id: string }) => row.request_id)).size).toBe(3);
    expect(rows.find((row: { http_status: number }) => row.http_status === 404)).toMatchObject({ status: 'failure', error_code: 'model_not_found', spend: 0, spend_exact: null, attempts: [] });
  });

  it('filters by key, model and date range, and pages with a cursor without gaps or repeats', async () => {
    const api = keysApi(host.gatewayUrl);
    const first = await api.generate();
    const second = await api.generate();
    clock.set(Date.UTC(2026, 11, 5, 12, 0, 0));
    for (let index = 0; index < 7; index++) await openaiClient(host.gatewayUrl, first).chat.completions.create({ model: index % 2 === 0 ? 'gpt-4o-mini' : 'gpt-4.1-mini', messages: HI });
    clock.set(Date.UTC(2026, 11, 6, 12, 0, 0));
    for (let index = 0; index < 5; index++) await openaiClient(host.gatewayUrl, first).chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    await openaiClient(host.gatewayUrl, second).chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    clock.set(Date.UTC(2026, 11, 2, 10, 0, 0));
    await eventually(async () => ((await api.get('/spend/logs', { api_key: second })).body.data.length === 1 ? true : undefined));
    await eventually(async () => ((await api.get('/spend/logs', { api_key: first, limit: '100' })).body.data.length === 12 ? true : undefined));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = (await api.get('/spend/logs', { api_key: first, limit: '5', ...(cursor === null ? {} : { cursor }) })).body;
      seen.push(...page.data.map((row: { request_id: string }) => row.request_id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);

    expect((await api.get('/spend/logs', { api_key: first, model: 'gpt-4.1-mini' })).body.data).toHaveLength(3);
    expect((await api.get('/spend/logs', { api_key: first, start_date: '2026-12-06', end_date: '2026-12-06' })).body.data).toHaveLength(5);
    expect((await api.get('/spend/logs', { api_key: first, start_date: '2026-12-05', end_date: '2026-12-05', model: 'gpt-4o-mini' })).body.data).toHaveLength(4);
    // A key sees its own rows only.
    const own = await keysApi(host.gatewayUrl, second).get('/spend/logs');
    expect(own.body.data).toHaveLength(1);
    expect((await keysApi(host.gatewayUrl, second).get('/spend/logs', { api_key: first })).status).toBe(403);

    const report = (await api.get('/global/spend/report', { group_by: 'key', api_key: first, start_date: '2026-12-05', end_date: '2026-12-06' })).body;
    expect(report.days.map((day: { date: string; requests: number }) => [day.date, day.requests])).toEqual([
      ['2026-12-05', 7],
      ['2026-12-06', 5],
    ]);
    expect(report.total_requests).toBe(12);
    const mini = report.days[0].breakdown.find((entry: { model: string }) => entry.model === 'gpt-4o-mini');
    expect(mini).toMatchObject({ requests: 4, prompt_tokens: 48, completion_tokens: 12, spend_exact: '0.0000144' });

    // The same rows as a CSV file, for the admin UI's export.
    const csv = await fetch(`${host.gatewayUrl}/global/spend/report?group_by=key&api_key=${first}&start_date=2026-12-05&end_date=2026-12-06&format=csv`, {
      headers: { authorization: 'Bearer sk-master' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="switchyard-spend-by-key-2026-12-05-to-2026-12-06.csv"');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('day,key_hash,model,requests,failures,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,spend_usd');
    expect(lines.at(-1)).toBe('');
    const keyHash = createHash('sha256').update(first).digest('hex');
    expect(lines.slice(1, -1)).toEqual(
      report.days.flatMap((day: { breakdown: { date: string; model: string; requests: number; prompt_tokens: number; completion_tokens: number; spend_exact: string }[] }) =>
        day.breakdown.map((entry) => `${entry.date},${keyHash},${entry.model},${entry.requests},0,${entry.prompt_tokens},${entry.completion_tokens},0,0,${entry.spend_exact}`),
      ),
    );
    expect(lines).toContain(`2026-12-05,${keyHash},gpt-4o-mini,4,0,48,12,0,0,0.0000144`);
    const badFormat = await api.get('/global/spend/report', { format: 'xlsx' });
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error).toMatchObject({ code: 'invalid_value', param: 'format' });
  });

  it('rejects a malformed cursor or date with a 400', async () => {
    const api = keysApi(host.gatewayUrl);
    expect((await api.get('/spend/logs', { cursor: 'not-a-cursor' })).status).toBe(400);
    expect((await api.get('/spend/logs', { start_date: 'yesterday' })).status).toBe(400);
    expect((await api.get('/global/spend/report', { group_by: 'model' })).status).toBe(400);
  });
});

describe.each(ALL_HOSTS)('spend rows name the router attempts, and /spend/logs filters by status (%s)', (name, startHost) => {
  let first: FakeUpstream;
  let second: FakeUpstream;
  let host: Host;
  let folder: ReturnType<typeof tempFolder>;

  beforeAll(async () => {
    [first, second] = await Promise.all([FakeUpstream.start(), FakeUpstream.start()]);
    folder = tempFolder('attempts');
    // One model group, two deployments on two upstreams; `random: () => 0` picks mini-a first.
    const group = [
      modelEntry(first.url, 'gpt-4o-mini', 'openai/gpt-4o-mini', {}, { id: 'mini-a' }),
      modelEntry(second.url, 'gpt-4o-mini', 'openai/gpt-4o-mini', {}, { id: 'mini-b' }),
    ];
    const config = modelsConfig(group, { router_settings: { num_retries: 1, disable_cooldowns: true }, general_settings: { master_key: 'sk-master', database_url: folder.url } });
    host = await startHost({ config, random: () => 0 });
  });
  afterAll(async () => {
    await host?.close();
    await Promise.all([first?.close(), second?.close()]);
    folder?.remove();
  });

  const failWith = (upstream: FakeUpstream, status: number, code: string) =>
    upstream.handle((_request, response) => {
      sendJson(response, status, errorBody(`failure ${status}`, code, status === 429 ? 'requests' : 'server_error'));
      return true;
    });

  it('a 429 on the first deployment, then success on the second: the row lists both attempts, in order', async () => {
    first.reset();
    second.reset();
    failWith(first, 429, 'rate_limit_exceeded');
    const api = keysApi(host.gatewayUrl);
    const key = await api.generate({ key_alias: `failover-${name}` });
    const { data, response } = await openaiClient(host.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI }).withResponse();
    expect(data.id).toBe('chatcmpl-fake');
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
    const callId = response.headers.get('x-litellm-call-id')!;
    const row = await eventually(async () => (await api.get('/spend/logs', { request_id: callId })).body.data[0]);
    expect(row).toMatchObject({ model_id: 'mini-b', status: 'success', http_status: 200, spend_exact: COST });
    expect(row.attempts).toEqual([
      { model_id: 'mini-a', model_group: 'gpt-4o-mini', status: 'failure', http_status: 429, error_code: 'rate_limit_exceeded', duration_ms: expect.any(Number), fallback: false },
      { model_id: 'mini-b', model_group: 'gpt-4o-mini', status: 'success', http_status: 200, error_code: null, duration_ms: expect.any(Number), fallback: false },
    ]);
    for (const attempt of row.attempts) expect(attempt.duration_ms).toBeLessThanOrEqual(row.duration_ms);
  });

  it('status_filter=failure pages hold failures only, and compose with the cursor and the key', async () => {
    first.reset();
    second.reset();
    const api = keysApi(host.gatewayUrl);
    const key = await api.generate();
    const client = openaiClient(host.gatewayUrl, key);
    // Seven successes and five failures (both deployments answer 500: two attempts each), interleaved.
    for (let index = 0; index < 12; index++) {
      first.reset();
      second.reset();
      const fails = index % 5 === 1 || index % 5 === 3;
      if (fails) {
        failWith(first, 500, 'server_error');
        failWith(second, 500, 'server_error');
      }
      const outcome = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }).then(() => 'success', () => 'failure');
      expect(outcome).toBe(fails ? 'failure' : 'success');
    }
    await eventually(async () => ((await api.get('/spend/logs', { api_key: key })).body.data.length === 12 ? true : undefined));
    const all = async (query: Record<string, string>) => {
      const rows: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = (await api.get('/spend/logs', { api_key: key, limit: '2', ...query, ...(cursor === null ? {} : { cursor }) })).body;
        expect(page.data.length).toBeLessThanOrEqual(2);
        rows.push(...page.data);
        cursor = page.next_cursor;
        pages++;
      } while (cursor !== null && pages < 20);
      return rows;
    };
    const failures = await all({ status_filter: 'failure' });
    expect(failures).toHaveLength(5);
    for (const row of failures) {
      expect(row).toMatchObject({ status: 'failure', http_status: 500 });
      expect(row.attempts.map((attempt: { model_id: string; http_status: number }) => [attempt.model_id, attempt.http_status])).toEqual([
        ['mini-a', 500],
        ['mini-b', 500],
      ]);
    }
    const successes = await all({ status_filter: 'success' });
    expect(successes).toHaveLength(7);
    expect(successes.every((row) => row.status === 'success')).toBe(true);
    expect(new Set([...failures, ...successes].map((row) => row.request_id)).size).toBe(12);
    // `status` is accepted too; anything else is a 400 naming the parameter.
    expect((await api.get('/spend/logs', { api_key: key, status: 'failure' })).body.data).toHaveLength(5);
    const refused = await api.get('/spend/logs', { status_filter: 'error' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_value', param: 'status_filter' });
  });
});

describe('the spend outbox', () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(async () => {
    await upstream?.close();
  });

  async function gateway(folder: ReturnType<typeof tempFolder>, store: DataStore, general: Record<string, unknown> = {}): Promise<Host> {
    return startExpressHost({ dataStore: store, config: modelsConfig(models(upstream.url), { general_settings: { master_key: 'sk-master', spend_outbox_path: join(folder.path, 'outbox'), ...general } }) });
  }

  it('a store outage: requests keep flowing, memory stays flat, and afterwards every row arrives exactly once', async () => {
    const folder = tempFolder('outage');
    const sqlite = openSqliteStore({ url: folder.url, baseDir: folder.path });
    const { store, state } = switchable(sqlite);
    const host = await gateway(folder, store);
    try {
      const api = keysApi(host.gatewayUrl);
      const key = await api.generate();
      const client = openaiClient(host.gatewayUrl, key);
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }); // the key is cached now
      state.down = true;
      for (let index = 0; index < 40; index++) {
        const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
        expect(completion.id).toBe('chatcmpl-fake');
      }
      // The management API needs the store: a 503, not a hang.
      expect((await api.get('/spend/logs')).status).toBe(503);
      // The rows wait on disk, not in memory.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const segments = readdirSync(join(folder.path, 'outbox')).flatMap((dir) => readdirSync(join(folder.path, 'outbox', dir))).filter((file) => file.endsWith('.jsonl'));
      expect(segments.length).toBeGreaterThan(0);
      state.down = false;
      const rows = await eventually(async () => {
        const page = await sqlite.querySpendLogs({ keyHash: (await api.get('/key/info', { key })).body.key, limit: 1000 });
        return page.records.length >= 41 ? page.records : undefined;
      }, 15_000);
      expect(rows).toHaveLength(41);
      expect(new Set(rows.map((row) => row.requestId)).size).toBe(41);
      const report = await sqlite.spendReport({ groupBy: 'key', fromDay: '2000-01-01', toDay: '2100-01-01', id: rows[0]!.keyHash! });
      expect(report.reduce((sum, row) => sum + row.requests, 0)).toBe(41);
      expect((await sqlite.getKey(rows[0]!.keyHash!))?.spend).toBe(41n * 3_600_000_000_000n);
    } finally {
      await host.close();
      await sqlite.close();
      folder.remove();
    }
  });

  it('a write whose acknowledgement is lost is retried without a duplicate row or a doubled spend', async () => {
    const folder = tempFolder('acks');
    const sqlite = openSqliteStore({ url: folder.url, baseDir: folder.path });
    const { store, state } = switchable(sqlite);
    const host = await gateway(folder, store);
    try {
      const api = keysApi(host.gatewayUrl);
      const key = await api.generate();
      state.lostAcks = 2;
      for (let index = 0; index < 5; index++) await openaiClient(host.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
      const hash = (await api.get('/key/info', { key })).body.key;
      await eventually(async () => (state.lostAcks === 0 && (await sqlite.querySpendLogs({ keyHash: hash, limit: 100 })).records.length === 5 ? true : undefined), 15_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await sqlite.querySpendLogs({ keyHash: hash, limit: 100 })).records).toHaveLength(5);
      expect((await sqlite.getKey(hash))?.spend).toBe(5n * 3_600_000_000_000n);
      expect(state.writes).toBeGreaterThanOrEqual(3);
    } finally {
      await host.close();
      await sqlite.close();
      folder.remove();
    }
  });

  it('rows still queued when a gateway stops are delivered by the next one on the same outbox', async () => {
    const folder = tempFolder('handover');
    const sqlite = openSqliteStore({ url: folder.url, baseDir: folder.path });
    const { store, state } = switchable(sqlite);
    const first = await gateway(folder, store);
    const key = await keysApi(first.gatewayUrl).generate();
    const hash = (await keysApi(first.gatewayUrl).get('/key/info', { key })).body.key;
    await openaiClient(first.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI }); // cached now
    await eventually(async () => ((await sqlite.querySpendLogs({ keyHash: hash, limit: 100 })).records.length === 1 ? true : undefined));
    state.down = true;
    for (let index = 0; index < 10; index++) await openaiClient(first.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    await first.close();
    expect((await sqlite.querySpendLogs({ keyHash: hash, limit: 100 })).records).toHaveLength(1);
    state.down = false;
    const second = await gateway(folder, store);
    try {
      const rows = await eventually(async () => {
        const records = (await sqlite.querySpendLogs({ keyHash: hash, limit: 100 })).records;
        return records.length >= 11 ? records : undefined;
      }, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(rows).toHaveLength(11);
      expect((await sqlite.querySpendLogs({ keyHash: hash, limit: 100 })).records).toHaveLength(11);
    } finally {
      await second.close();
      await sqlite.close();
      folder.remove();
    }
  });

  it('fail_closed_budget_enforcement: with the store down, virtual-key requests get 503 store_unavailable at once', async () => {
    const folder = tempFolder('closed');
    const sqlite = openSqliteStore({ url: folder.url, baseDir: folder.path });
    const { store, state } = switchable(sqlite);
    const host = await gateway(folder, store, { fail_closed_budget_enforcement: true });
    try {
      const key = await keysApi(host.gatewayUrl).generate();
      const client = openaiClient(host.gatewayUrl, key);
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
      state.down = true;
      upstream.reset();
      const refused = await eventually(async () => {
        const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: HI }) });
        return response.status === 503 ? response : undefined;
      }, 5_000);
      expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ code: 'store_unavailable', type: 'server_error' });
      upstream.reset();
      const again = await fetch(`${host.gatewayUrl}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: HI }) });
      expect(again.status).toBe(503);
      expect(upstream.requests).toHaveLength(0);
      state.down = false;
      await eventually(async () => ((await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }).then(() => true, () => undefined)) ? true : undefined), 5_000);
    } finally {
      await host.close();
      await sqlite.close();
      folder.remove();
    }
  });
});
