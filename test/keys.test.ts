// Issue 13, keys and access, through the standalone proxy and both mounts: the management API
// with LiteLLM's paths and fields, virtual keys used by the openai SDK, allow-lists with access
// groups, aliases, expiry on an injected clock, block/unblock, regenerate, delete.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';
import { keysApi, openaiClient, tempFolder } from './support/keys-api.js';
import { modelEntry, modelsConfig } from './support/model-config.js';
import { manualClock } from './support/counter-store-contract.js';

const HI = [{ role: 'user' as const, content: 'Hi' }];

async function refusal(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OpenAI.APIError)) throw new Error(`expected an API error, got ${String(error)}`);
  return error;
}

describe.each(ALL_HOSTS)('virtual keys (%s)', (_name, startHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let folder: ReturnType<typeof tempFolder>;
  const clock = manualClock(Date.UTC(2026, 11, 2, 10, 0, 0));

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    folder = tempFolder('keys');
    host = await startHost({
      clock,
      config: modelsConfig(
        [
          modelEntry(upstream.url, 'gpt-4o-mini', 'openai/gpt-4o-mini'),
          modelEntry(upstream.url, 'gpt-5.5', 'openai/gpt-5.5'),
          modelEntry(upstream.url, 'beta-model', 'openai/gpt-4o-mini', {}, { access_groups: ['beta-testers'] }),
        ],
        { general_settings: { master_key: 'sk-master', database_url: folder.url } },
      ),
    });
  });
  afterAll(async () => {
    await host?.close();
    await upstream?.close();
    folder?.remove();
  });

  it('generates a key shown once, stored hashed, that the openai SDK can use', async () => {
    const api = keysApi(host.gatewayUrl);
    const answer = await api.post('/key/generate', { key_alias: `app-${_name}`, metadata: { owner: 'ada' }, tags: ['prod'], max_budget: 10 });
    expect(answer.status).toBe(200);
    const { key, token_id: tokenId } = answer.body;
    expect(key).toMatch(/^sk-[\w-]{40,}$/);
    expect(tokenId).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.body).toMatchObject({ key_alias: `app-${_name}`, key_name: `sk-...${key.slice(-4)}`, max_budget: 10, metadata: { owner: 'ada' }, tags: ['prod'], blocked: false, spend: 0 });

    const completion = await openaiClient(host.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    expect(completion.choices[0]?.message.content).toBe('Hello from upstream');

    // Never again: /key/info and /key/list know the hash only.
    const info = await api.get('/key/info', { key });
    expect(info.status).toBe(200);
    expect(JSON.stringify(info.body)).not.toContain(key);
    expect(info.body.info).toMatchObject({ token: tokenId, key_alias: `app-${_name}`, max_budget: 10 });
    const listed = await api.get('/key/list', { key_alias: `app-${_name}` });
    expect(listed.body).toMatchObject({ keys: [tokenId], total_count: 1, current_page: 1, total_pages: 1 });
    // Also by x-api-key, as Anthropic clients send it.
    const viaHeader = await fetch(`${host.gatewayUrl}/v1/models`, { headers: { 'x-api-key': key } });
    expect(viaHeader.status).toBe(200);
  });

  it('refuses an unknown key with 401 invalid_api_key, and keeps serving', async () => {
    const error = await refusal(openaiClient(host.gatewayUrl, 'sk-not-a-key-at-all-1234567890').chat.completions.create({ model: 'gpt-4o-mini', messages: HI }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    const completion = await openaiClient(host.gatewayUrl, 'sk-master').chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    expect(completion.id).toBe('chatcmpl-fake');
  });

  it('management routes need the master key or a proxy_admin key', async () => {
    const api = keysApi(host.gatewayUrl);
    const key = await api.generate();
    const asKey = keysApi(host.gatewayUrl, key);
    const refused = await asKey.post('/key/generate', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'admin_required' });
    // A key may read its own info, not another's.
    expect((await asKey.get('/key/info')).status).toBe(200);
    const other = await api.generate();
    expect((await asKey.get('/key/info', { key: other })).status).toBe(403);
    // A proxy_admin user's key manages keys.
    const user = await api.post('/user/new', { user_id: `admin-${_name}`, user_role: 'proxy_admin' });
    expect(user.status).toBe(200);
    const adminKey = keysApi(host.gatewayUrl, user.body.key);
    expect((await adminKey.post('/key/generate', {})).status).toBe(200);
  });

  it('an allow-list admits its models and access groups and refuses others with 401 key_model_access_denied', async () => {
    const api = keysApi(host.gatewayUrl);
    const client = openaiClient(host.gatewayUrl, await api.generate({ models: ['gpt-4o-mini', 'beta-testers'] }));
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    await client.chat.completions.create({ model: 'beta-model', messages: HI });
    const before = upstream.requests.length;
    const error = await refusal(client.chat.completions.create({ model: 'gpt-5.5', messages: HI }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('key_model_access_denied');
    expect(upstream.requests.length).toBe(before);
  });

  it("a team's models bound its keys' models", async () => {
    const api = keysApi(host.gatewayUrl);
    const team = await api.post('/team/new', { team_alias: 'research', models: ['gpt-5.5'] });
    expect(team.status).toBe(200);
    const client = openaiClient(host.gatewayUrl, await api.generate({ team_id: team.body.team_id }));
    await client.chat.completions.create({ model: 'gpt-5.5', messages: HI });
    expect((await refusal(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }))).code).toBe('key_model_access_denied');
    // An unknown team is refused when the key is made.
    expect((await api.post('/key/generate', { team_id: 'no-such-team' })).status).toBe(400);
  });

  it("a key's aliases map its model names to model groups", async () => {
    const api = keysApi(host.gatewayUrl);
    const client = openaiClient(host.gatewayUrl, await api.generate({ aliases: { fast: 'gpt-4o-mini' } }));
    upstream.reset();
    await client.chat.completions.create({ model: 'fast', messages: HI });
    expect(upstream.requests[0]?.body.model).toBe('gpt-4o-mini');
  });

  it('an expired key gets 401 expired_key (injected clock)', async () => {
    const api = keysApi(host.gatewayUrl);
    const answer = await api.post('/key/generate', { duration: '1h' });
    expect(answer.body.expires).toBe(new Date(clock() + 3_600_000).toISOString());
    const client = openaiClient(host.gatewayUrl, answer.body.key);
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    clock.advance(3_600_001);
    try {
      const error = await refusal(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }));
      expect(error.status).toBe(401);
      expect(error.code).toBe('expired_key');
    } finally {
      clock.advance(-3_600_001);
    }
  });

  it('block stops a key at once, unblock restores it', async () => {
    const api = keysApi(host.gatewayUrl);
    const key = await api.generate();
    const client = openaiClient(host.gatewayUrl, key);
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
    expect((await api.post('/key/block', { key })).body).toMatchObject({ blocked: true });
    const error = await refusal(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('key_blocked');
    expect((await api.post('/key/unblock', { key })).body).toMatchObject({ blocked: false });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
  });

  it('update changes limits and keeps the rest; regenerate replaces the key; delete ends it', async () => {
    const api = keysApi(host.gatewayUrl);
    const key = await api.generate({ key_alias: `life-${_name}`, rpm_limit: 100, metadata: { a: 1 } });
    const updated = await api.post('/key/update', { key, models: ['gpt-4o-mini'], max_budget: 2.5, budget_duration: '30d' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ key_alias: `life-${_name}`, rpm_limit: 100, metadata: { a: 1 }, models: ['gpt-4o-mini'], max_budget: 2.5, budget_duration: '30d' });
    // 30d resets on the first of the next month, at midnight UTC (LiteLLM's boundary).
    expect(updated.body.budget_reset_at).toBe('2027-01-01T00:00:00.000Z');

    const regenerated = await api.post('/key/regenerate', { key });
    expect(regenerated.status).toBe(200);
    const next: string = regenerated.body.key;
    expect(next).not.toBe(key);
    expect(regenerated.body).toMatchObject({ key_alias: `life-${_name}`, models: ['gpt-4o-mini'] });
    expect((await refusal(openaiClient(host.gatewayUrl, key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI }))).status).toBe(401);
    await openaiClient(host.gatewayUrl, next).chat.completions.create({ model: 'gpt-4o-mini', messages: HI });

    const deleted = await api.post('/key/delete', { keys: [next] });
    expect(deleted.body).toEqual({ deleted_keys: [next] });
    expect((await refusal(openaiClient(host.gatewayUrl, next).chat.completions.create({ model: 'gpt-4o-mini', messages: HI }))).code).toBe('invalid_api_key');
    expect((await api.get('/key/info', { key: next })).status).toBe(404);
  });

  it('answers bad management input with OpenAI-style 400s', async () => {
    const api = keysApi(host.gatewayUrl);
    for (const [payload, param] of [
      [{ max_budget: -1 }, 'max_budget'],
      [{ budget_duration: 'weekly' }, 'budget_duration'],
      [{ models: 'gpt-4o' }, 'models'],
      [{ rpm_limit: 1.5 }, 'rpm_limit'],
      [{ key: 'short' }, 'key'],
    ] as const) {
      const answer = await api.post('/key/generate', payload);
      expect(answer.status, JSON.stringify(payload)).toBe(400);
      expect(answer.body.error.param).toBe(param);
    }
    const alias = `dup-${_name}`;
    await api.generate({ key_alias: alias });
    const duplicate = await api.post('/key/generate', { key_alias: alias });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.code).toBe('duplicate_record');
  });

  it('teams and users: create, read, update, list, delete (with their keys)', async () => {
    const api = keysApi(host.gatewayUrl);
    const team = (await api.post('/team/new', { team_id: `t-${_name}`, team_alias: 'Ops', max_budget: 100, rpm_limit: 50 })).body;
    expect(team).toMatchObject({ team_id: `t-${_name}`, team_alias: 'Ops', max_budget: 100, rpm_limit: 50, members: [] });
    const user = (await api.post('/user/new', { user_id: `u-${_name}`, user_email: 'ops@example.com', teams: [`t-${_name}`] })).body;
    expect(user).toMatchObject({ user_id: `u-${_name}`, user_role: 'internal_user', teams: [`t-${_name}`] });
    expect(user.key).toMatch(/^sk-/);
    const teamInfo = (await api.get('/team/info', { team_id: `t-${_name}` })).body;
    expect(teamInfo.team_info.members).toEqual([`u-${_name}`]);
    expect(teamInfo.keys).toHaveLength(1);
    expect((await api.post('/team/update', { team_id: `t-${_name}`, max_budget: 200 })).body).toMatchObject({ max_budget: 200, rpm_limit: 50 });
    const userInfo = (await api.get('/user/info', { user_id: `u-${_name}` })).body;
    expect(userInfo.user_info).toMatchObject({ user_email: 'ops@example.com' });
    expect(userInfo.teams.map((entry: { team_id: string }) => entry.team_id)).toEqual([`t-${_name}`]);
    expect((await api.post('/user/update', { user_id: `u-${_name}`, tpm_limit: 1000 })).body).toMatchObject({ tpm_limit: 1000 });
    expect((await api.get('/user/list')).body.users.map((entry: { user_id: string }) => entry.user_id)).toContain(`u-${_name}`);
    expect((await api.get('/team/list')).body.map((entry: { team_id: string }) => entry.team_id)).toContain(`t-${_name}`);

    expect((await api.post('/user/delete', { user_ids: [`u-${_name}`] })).body).toEqual({ deleted_users: [`u-${_name}`] });
    expect((await refusal(openaiClient(host.gatewayUrl, user.key).chat.completions.create({ model: 'gpt-4o-mini', messages: HI }))).status).toBe(401);
    expect((await api.get('/team/info', { team_id: `t-${_name}` })).body.team_info.members).toEqual([]);
    expect((await api.post('/team/delete', { team_ids: [`t-${_name}`] })).body).toEqual({ deleted_teams: [`t-${_name}`] });
    expect((await api.get('/team/info', { team_id: `t-${_name}` })).status).toBe(404);
  });
});
