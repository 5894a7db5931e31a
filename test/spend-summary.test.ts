// GET /spend/summary, the admin UI's usage page: the SQLite store's SQL sums agree, to the
// attoUSD, with the plain sum of every report row (summarizeRollups, what a store without
// spendSummary gets), including sums past SQLite's 64-bit integers; and the route answers
// admins only, with the shape the page reads.
import { createHash } from 'node:crypto';
import { openSqliteStore } from '@switchyard/store-sqlite';
import { summarizeRollups, type SpendRecord, type SpendSummaryQuery } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandaloneHost, type Host } from './support/hosts.js';
import { eventually, keysApi, postChat, tempFolder } from './support/keys-api.js';
import { seededRandom } from './support/seeded-random.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1);
const ATTO = 10n ** 18n;

function records(count: number, random: () => number): SpendRecord[] {
  return Array.from({ length: count }, (_unused, index) => {
    const key = Math.floor(random() * 12);
    // A few rows cost thousands of dollars: their sum passes 2^63 attoUSD ($9.22).
    const cost = index % 97 === 0 ? 5_000n * ATTO + BigInt(index) : BigInt(Math.floor(random() * 1e12)) * 1_000n + BigInt(index);
    const startedAt = START + Math.floor(random() * 20) * DAY + index;
    return {
      requestId: `summary-${index}`,
      keyHash: `${'k'.repeat(63)}${key.toString(16)}`,
      keyAlias: null,
      teamId: key % 3 === 0 ? null : `team-${key % 4}`,
      userId: null,
      model: ['gpt-4o-mini', 'acme-chat', 'gpt-5.5'][index % 3]!,
      deployment: null,
      provider: 'openai',
      endpoint: 'chat/completions',
      inputTokens: index % 50,
      outputTokens: index % 7,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      cost: index % 11 === 0 ? null : cost,
      outcome: index % 13 === 0 ? 'error' : 'success',
      status: index % 13 === 0 ? 502 : 200,
      errorCode: null,
      startedAt,
      endedAt: startedAt + 5,
      durationMs: 5,
      tags: [],
    };
  });
}

describe('spendSummary in the SQLite store', () => {
  const folder = tempFolder('spend-summary');
  const store = openSqliteStore({ url: folder.url, baseDir: folder.path });
  beforeAll(async () => {
    await store.writeSpend(records(3000, seededRandom(7)));
  });
  afterAll(async () => {
    await store.close();
    folder.remove();
  });

  it.each([
    ['model', '2026-11-01', '2026-11-20', 6],
    ['key', '2026-11-03', '2026-11-09', 3],
    ['team', '2026-11-01', '2026-11-30', 2],
    ['key', '2026-12-01', '2026-12-31', 6],
  ] as const)('by %s from %s to %s equals the sum of the report rows', async (groupBy, fromDay, toDay, top) => {
    const query: SpendSummaryQuery = { groupBy, fromDay, toDay, top, limit: 500 };
    const rows = await store.spendReport({ groupBy: groupBy === 'team' ? 'team' : 'key', fromDay, toDay });
    const expected = summarizeRollups(rows, query);
    const actual = await store.spendSummary!(query);
    expect(actual.groups.map(({ label: _label, ...group }) => ({ ...group, label: null }))).toEqual(expected.groups);
    expect(actual.totals).toEqual(expected.totals);
    expect(actual.series).toEqual(expected.series);
    if (fromDay === '2026-11-01' && groupBy === 'model') expect(actual.totals.spend > 2n ** 63n).toBe(true);
  });

  it('lists the largest groups up to the limit and counts the rest', async () => {
    const summary = await store.spendSummary!({ groupBy: 'key', fromDay: '2026-11-01', toDay: '2026-11-30', top: 2, limit: 5 });
    expect(summary.groups).toHaveLength(5);
    expect(summary.moreGroups).toBe(7);
    expect(new Set(summary.series.map((point) => point.id))).toEqual(new Set(summary.groups.slice(0, 2).map((group) => group.id)));
    const spends = summary.groups.map((group) => group.spend);
    expect([...spends].sort((left, right) => (left > right ? -1 : left < right ? 1 : 0))).toEqual(spends);
  });
});

describe('GET /spend/summary', () => {
  let host: Host;
  const folder = tempFolder('spend-summary-route');
  beforeAll(async () => {
    host = await startStandaloneHost({
      config: {
        model_list: [{ model_name: 'demo', litellm_params: { model: 'openai/demo', mock_response: 'hi' } }],
        general_settings: { master_key: 'sk-master', database_url: folder.url },
      },
    });
  });
  afterAll(async () => {
    await host.close();
    folder.remove();
  });

  it('answers the master key with totals, groups and series (empty for a range without spend)', async () => {
    const api = keysApi(host.gatewayUrl);
    await api.generate({ key_alias: 'summary-key' });
    const answer = await api.get('/spend/summary', { group_by: 'key', start_date: '2026-11-01', end_date: '2026-11-07' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      group_by: 'key',
      start_date: '2026-11-01',
      end_date: '2026-11-07',
      totals: { requests: 0, failures: 0, prompt_tokens: 0, completion_tokens: 0, spend: 0, spend_exact: '0' },
      groups: [],
      more_groups: 0,
      series: [],
    });
  });

  it("counts the master key's calls under its hash, labelled as the master key, in the same totals by key and by model", async () => {
    const answer = await postChat(host.gatewayUrl, 'sk-master', JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] }));
    expect(answer.status).toBe(200);
    const byKey = await eventually(async () => {
      const summary = await keysApi(host.gatewayUrl).get('/spend/summary', { group_by: 'key' });
      return summary.body.totals.requests > 0 ? summary.body : undefined;
    });
    expect(byKey.groups).toEqual([expect.objectContaining({ id: createHash('sha256').update('sk-master').digest('hex'), label: 'master key', requests: 1 })]);
    const byModel = (await keysApi(host.gatewayUrl).get('/spend/summary', { group_by: 'model' })).body;
    expect(byModel.groups).toEqual([expect.objectContaining({ id: 'demo', label: null, requests: 1 })]);
    expect(byModel.totals).toEqual(byKey.totals);
  });

  it('refuses a key that is not an admin, and a bad range, as JSON errors', async () => {
    const plain = await keysApi(host.gatewayUrl).generate({ key_alias: 'not-admin' });
    const refused = await keysApi(host.gatewayUrl, plain).get('/spend/summary');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('admin_required');
    const backwards = await keysApi(host.gatewayUrl).get('/spend/summary', { start_date: '2026-11-09', end_date: '2026-11-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: 'invalid_value', param: 'start_date' });
    const group = await keysApi(host.gatewayUrl).get('/spend/summary', { group_by: 'user' });
    expect(group.body.error).toMatchObject({ code: 'invalid_value', param: 'group_by' });
  });
});
