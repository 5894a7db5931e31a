// Issue 13, money and limits, through the standalone proxy and both mounts: budgets reserved
// at the request's maximum cost before the upstream call (64 concurrent requests never spend
// more than the budget), settled or released after it; windows that reset on LiteLLM's
// boundaries (injected clock); team and user budgets; free models; rpm, tpm, parallel limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatCompletion, FakeUpstream, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';
import { postChat, type ApiAnswer, keysApi, openaiClient, tempFolder } from './support/keys-api.js';
import { modelEntry, modelsConfig } from './support/model-config.js';
import { manualClock } from './support/counter-store-contract.js';

/** Every metered model costs 1 µUSD per token, in and out. */
const PRICE = { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 };
const MAX_TOKENS = 10;
/** One request's body, byte for byte, so its reservation is known: (bytes + max_tokens) µUSD. */
const BODY = JSON.stringify({ model: 'metered', max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: 'How much is this?' }] });
const BODY_BYTES = Buffer.byteLength(BODY);
const MAX_COST_USD = (BODY_BYTES + MAX_TOKENS) * 1e-6;

const START = Date.UTC(2026, 11, 2, 10, 0, 0); // a Wednesday, 10:00 UTC

type Answer = ApiAnswer;
const send = (host: Host, key: string, body: string = BODY): Promise<Answer> => postChat(host.gatewayUrl, key, body);

const usd = (value: number) => Number(value.toFixed(12));

describe.each(ALL_HOSTS)('budgets and limits (%s)', (name, startHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let folder: ReturnType<typeof tempFolder>;
  const clock = manualClock(START);
  let api: ReturnType<typeof keysApi>;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    folder = tempFolder('budgets');
    host = await startHost({
      clock,
      config: modelsConfig(
        [
          modelEntry(upstream.url, 'metered', 'openai/metered', PRICE),
          modelEntry(upstream.url, 'other', 'openai/other', PRICE),
          modelEntry(upstream.url, 'slow', 'openai/slow', PRICE),
          modelEntry(upstream.url, 'free', 'openai/free', { input_cost_per_token: 0, output_cost_per_token: 0 }),
          modelEntry(upstream.url, 'broken', 'openai/error-500', PRICE),
          modelEntry(upstream.url, 'endless', 'openai/endless-stream', PRICE),
        ],
        { general_settings: { master_key: 'sk-master', database_url: folder.url } },
      ),
    });
    api = keysApi(host.gatewayUrl);
  });
  beforeEach(() => {
    upstream.reset();
    clock.set(START);
    // Metered answers cost exactly their reservation: every input byte a token, max_tokens out.
    upstream.handle((request, response) => {
      if (!['metered', 'other', 'slow'].includes(request.body?.model)) return false;
      const completion = chatCompletion(request.body.model);
      completion.usage = { ...completion.usage, prompt_tokens: BODY_BYTES, completion_tokens: MAX_TOKENS, total_tokens: BODY_BYTES + MAX_TOKENS };
      setTimeout(() => sendJson(response, 200, completion), request.body.model === 'slow' ? 300 : 0);
      return true;
    });
  });
  afterAll(async () => {
    await host?.close();
    await upstream?.close();
    folder?.remove();
  });

  it('64 concurrent requests on one key: admitted spend never exceeds the budget (+ 0)', async () => {
    // Held upstream for a while, so the requests are in flight together.
    upstream.reset();
    upstream.handle((request, response) => {
      const completion = chatCompletion(request.body.model);
      completion.usage = { ...completion.usage, prompt_tokens: BODY_BYTES, completion_tokens: MAX_TOKENS, total_tokens: BODY_BYTES + MAX_TOKENS };
      setTimeout(() => sendJson(response, 200, completion), 150);
      return true;
    });
    const key = await api.generate({ max_budget: usd(MAX_COST_USD * 10) });
    const answers = await Promise.all(Array.from({ length: 64 }, () => send(host, key)));
    const admitted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(admitted).toHaveLength(10);
    expect(refused).toHaveLength(54);
    for (const answer of refused) expect(answer.body.error).toMatchObject({ code: 'budget_exceeded', type: 'budget_exceeded' });
    expect(upstream.requests).toHaveLength(10);
    const spent = admitted.reduce((sum, answer) => sum + Number(answer.headers.get('x-switchyard-response-cost')), 0);
    expect(spent).toBeLessThanOrEqual(MAX_COST_USD * 10 + 1e-12);
    const info = (await api.get('/key/info', { key })).body.info;
    expect(info.live_spend).toBeCloseTo(MAX_COST_USD * 10, 12);
    expect(info.reserved_spend).toBe(0);
  });

  it('a budget that does not fit the maximum cost refuses with 429 budget_exceeded before the upstream is called', async () => {
    const key = await api.generate({ max_budget: usd(MAX_COST_USD * 1.5) });
    expect((await send(host, key)).status).toBe(200);
    const refused = await send(host, key);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('budget_exceeded');
    expect(refused.body.error.message).toContain('max budget');
    expect(upstream.requests).toHaveLength(1);
  });

  it('a daily budget resets at the next UTC midnight (LiteLLM boundary, injected clock)', async () => {
    const answer = await api.post('/key/generate', { max_budget: usd(MAX_COST_USD * 2), budget_duration: '1d' });
    expect(answer.body.budget_reset_at).toBe('2026-12-03T00:00:00.000Z');
    const key: string = answer.body.key;
    expect((await send(host, key)).status).toBe(200);
    expect((await send(host, key)).status).toBe(200);
    const refused = await send(host, key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(14 * 3600));
    clock.set(Date.UTC(2026, 11, 2, 23, 59, 59));
    expect((await send(host, key)).status).toBe(429);
    clock.set(Date.UTC(2026, 11, 3, 0, 0, 1));
    expect((await send(host, key)).status).toBe(200);
  });

  it('a 30s budget window resets on the half minute', async () => {
    clock.set(START + 10_000); // 10:00:10
    const key = await api.generate({ max_budget: usd(MAX_COST_USD), budget_duration: '30s' });
    expect((await send(host, key)).status).toBe(200);
    expect((await send(host, key)).status).toBe(429);
    clock.set(START + 29_999);
    expect((await send(host, key)).status).toBe(429);
    clock.set(START + 30_000);
    expect((await send(host, key)).status).toBe(200);
  });

  it("a team's and a user's budgets bind their keys: the tightest of key, user and team decides", async () => {
    const team = (await api.post('/team/new', { max_budget: usd(MAX_COST_USD) })).body;
    const teamKey = await api.generate({ team_id: team.team_id, max_budget: 100 });
    expect((await send(host, teamKey)).status).toBe(200);
    const byTeam = await send(host, teamKey);
    expect(byTeam.status).toBe(429);
    expect(byTeam.body.error.message).toContain(`team ${team.team_id}`);

    const user = (await api.post('/user/new', { max_budget: usd(MAX_COST_USD), auto_create_key: false })).body;
    const userKey = await api.generate({ user_id: user.user_id });
    expect((await send(host, userKey)).status).toBe(200);
    const byUser = await send(host, userKey);
    expect(byUser.status).toBe(429);
    expect(byUser.body.error.message).toContain(`user ${user.user_id}`);
  });

  it('a per-model budget (model_max_budget) binds that model only', async () => {
    const key = await api.generate({ model_max_budget: { metered: { budget_limit: usd(MAX_COST_USD), time_period: '1d' } } });
    expect((await send(host, key)).status).toBe(200);
    expect((await send(host, key)).status).toBe(429);
    expect((await send(host, key, BODY.replace('"metered"', '"other"'))).status).toBe(200);
  });

  it('free models skip budgets: a spent key still reaches them', async () => {
    const key = await api.generate({ max_budget: 0.000001 });
    expect((await send(host, key)).status).toBe(429);
    expect((await send(host, key, BODY.replace('"metered"', '"free"'))).status).toBe(200);
  });

  it('an upstream error releases the reservation: the budget is whole again', async () => {
    const key = await api.generate({ max_budget: usd(MAX_COST_USD) });
    const failed = await send(host, key, BODY.replace('"metered"', '"broken"'));
    expect(failed.status).toBe(500);
    expect((await send(host, key)).status).toBe(200);
  });

  it('a client that goes away mid-stream releases or settles its reservation', async () => {
    const key = await api.generate({ max_budget: usd(MAX_COST_USD * 1.2) });
    const stream = await openaiClient(host.gatewayUrl, key).chat.completions.create({ model: 'endless', messages: [{ role: 'user', content: 'How much is this?' }], max_tokens: MAX_TOKENS, stream: true });
    for await (const _chunk of stream) break;
    // The abort reaches the gateway on its own time; the budget is free once it did.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await send(host, key)).status;
    }
    expect(status).toBe(200);
  });

  it('rpm: the third request of a minute gets 429 with retry-after and x-ratelimit-* headers; the next minute admits again', async () => {
    clock.set(START + 45_000);
    const key = await api.generate({ rpm_limit: 2 });
    const first = await send(host, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect((await send(host, key)).headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const refused = await send(host, key);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'rate_limit_error' });
    expect(refused.headers.get('retry-after')).toBe('15');
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    clock.set(START + 60_000);
    expect((await send(host, key)).status).toBe(200);
  });

  it('tpm reserves the estimate and counts the tokens used', async () => {
    // Each request uses BODY_BYTES + 10 tokens (the handler above); two fit in the limit, not three.
    const key = await api.generate({ tpm_limit: 2 * (BODY_BYTES + MAX_TOKENS) + 5 });
    expect((await send(host, key)).status).toBe(200);
    const second = await send(host, key);
    expect(second.status).toBe(200);
    expect(Number(second.headers.get('x-ratelimit-limit-tokens'))).toBe(2 * (BODY_BYTES + MAX_TOKENS) + 5);
    const refused = await send(host, key);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('tpm');
    clock.advance(60_000);
    expect((await send(host, key)).status).toBe(200);
  });

  it('max_parallel_requests: a second request while the first is in flight gets 429', async () => {
    const key = await api.generate({ max_parallel_requests: 1 });
    const slow = send(host, key, BODY.replace('"metered"', '"slow"'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const busy = await send(host, key);
    expect(busy.status).toBe(429);
    expect(busy.body.error.message).toContain('parallel');
    expect((await slow).status).toBe(200);
    expect((await send(host, key)).status).toBe(200);
  });

  it('per-model rpm (model_rpm_limit) binds that model only', async () => {
    const key = await api.generate({ model_rpm_limit: { metered: 1 } });
    expect((await send(host, key)).status).toBe(200);
    expect((await send(host, key)).status).toBe(429);
    expect((await send(host, key, BODY.replace('"metered"', '"other"'))).status).toBe(200);
  });

  it(`keeps serving after refusals (${name})`, async () => {
    const completion = await openaiClient(host.gatewayUrl, 'sk-master').chat.completions.create({ model: 'metered', messages: [{ role: 'user', content: 'still there?' }] });
    expect(completion.id).toBe('chatcmpl-fake');
  });
});
