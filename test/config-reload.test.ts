// Reloading config.yaml without a restart, end to end: POST /reload/config on every host and
// SIGHUP on the real `switchyard` binary, against the fake upstream over real sockets.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultDeploymentId } from '@switchyard/core';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './support/config.js';
import { FakeUpstream, chatCompletion, sendJson } from './support/fake-upstream.js';
import { ALL_HOSTS, type Host } from './support/hosts.js';
import { startCli, writeConfig } from './support/run-cli.js';

const MASTER = 'sk-master-reload-0001';
const UPSTREAM_SECRET = 'sk-upstream-reload-0002';
const ROTATED_SECRET = 'sk-upstream-reload-rotated-0003';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());
afterEach(() => upstream.reset());

interface Entry {
  name: string;
  model?: string;
  key?: string;
  extra?: string[];
}

/** The id a deployment written by `yaml` gets (no model_info.id). */
function idOf(name: string, model = `openai/${name}`): string {
  return defaultDeploymentId(name, { model, api_base: upstream.url });
}

/** A config.yaml with these deployments, all served by the fake upstream. */
function yaml(entries: readonly Entry[], tail: string[] = []): string {
  const lines = ['general_settings:', `  master_key: ${MASTER}`, 'model_list:'];
  for (const entry of entries) {
    lines.push(
      `  - model_name: ${entry.name}`,
      '    litellm_params:',
      `      model: ${entry.model ?? `openai/${entry.name}`}`,
      `      api_base: ${upstream.url}`,
      `      api_key: ${entry.key ?? UPSTREAM_SECRET}`,
      ...(entry.extra ?? []),
    );
  }
  return [...lines, ...tail, ''].join('\n');
}

async function reloadConfig(host: Host, key = MASTER): Promise<{ status: number; body: any }> {
  const response = await fetch(`${host.gatewayUrl}/reload/config`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await readJson(response) };
}

async function chat(host: Host, model: string): Promise<Response> {
  return fetch(`${host.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }] }),
  });
}

describe.each(ALL_HOSTS)('POST /reload/config on %s', (_name, startHost) => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('swaps added, removed and changed deployments and answers the diff by id', async () => {
    const path = await writeConfig(yaml([{ name: 'keep' }, { name: 'change' }, { name: 'drop' }]));
    host = await startHost({ config: path });
    expect((await chat(host, 'drop')).status).toBe(200);

    await writeFile(path, yaml([{ name: 'keep' }, { name: 'change', key: ROTATED_SECRET }, { name: 'fresh', extra: ['    model_info:', '      id: fresh-1'] }]));
    const { status, body } = await reloadConfig(host);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'success',
      message: 'Config reloaded: 1 added, 1 removed, 1 changed.',
      // A rotated key keeps the hash id (keys are not hashed): `change` is changed, not replaced.
      deployments: { added: ['fresh-1'], removed: [idOf('drop')], changed: [idOf('change')], total: 3 },
      restart_required: [],
    });
    expect(JSON.stringify(body)).not.toContain(ROTATED_SECRET);

    expect((await chat(host, 'fresh')).status).toBe(200);
    const dropped = await chat(host, 'drop');
    expect(dropped.status).toBe(404);
    expect((await readJson(dropped)).error.code).toBe('model_not_found');
    upstream.reset();
    expect((await chat(host, 'change')).status).toBe(200);
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${ROTATED_SECRET}`);
  });

  it('refuses a bad file with every problem listed, and changes nothing', async () => {
    const path = await writeConfig(yaml([{ name: 'keep' }]));
    host = await startHost({ config: path });
    await writeFile(path, yaml([{ name: 'keep' }, { name: 'other', model: 'sagemaker/x' }, { name: 'typo', extra: ['      api_bse: http://x'] }]));
    const refused = await reloadConfig(host);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_config');
    expect(refused.body.error.message).toContain('model_list[2].litellm_params.api_bse is not a known key; did you mean api_base?');
    // An unservable provider alone is skipped with a warning (ignore_invalid_deployments defaults to true).
    expect(refused.body.error.message).toContain('1 problem:');
    expect(JSON.stringify(refused.body)).not.toContain(UPSTREAM_SECRET);
    expect(JSON.stringify(refused.body)).not.toContain(MASTER);

    await writeFile(path, `general_settings:\n  master_key: ${MASTER}\nmodel_list: [ {model_name: broken\n`);
    const unreadable = await reloadConfig(host);
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.message).toContain('is not valid YAML');
    expect(JSON.stringify(unreadable.body)).not.toContain(MASTER);

    expect((await chat(host, 'keep')).status).toBe(200);
    expect((await chat(host, 'other')).status).toBe(404);
  });

  it('needs the master key', async () => {
    const path = await writeConfig(yaml([{ name: 'keep' }]));
    host = await startHost({ config: path });
    await writeFile(path, yaml([{ name: 'keep' }, { name: 'sneaky' }]));
    const { status, body } = await reloadConfig(host, 'sk-wrong');
    expect(status).toBe(401);
    expect(body.error.code).toBe('invalid_api_key');
    expect((await chat(host, 'sneaky')).status).toBe(404);
  });

  it('lets a request in flight finish on the old deployments', async () => {
    upstream.handle((request, response) => {
      if (request.body?.model !== 'slow') return false;
      setTimeout(() => sendJson(response, 200, chatCompletion('slow')), 400);
      return true;
    });
    const path = await writeConfig(yaml([{ name: 'slow' }]));
    host = await startHost({ config: path });
    const inFlight = chat(host, 'slow');
    await expect.poll(() => upstream.requests.length).toBe(1);
    await writeFile(path, yaml([{ name: 'other' }]));
    expect((await reloadConfig(host)).body.deployments).toMatchObject({ added: [idOf('other')], removed: [idOf('slow')] });
    expect((await chat(host, 'slow')).status).toBe(404);
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect((await readJson(finished)).choices[0].message.content).toBe('Hello from upstream');
  });

  it('a model known only from a capability source is served after one model_list line and a reload', async () => {
    const path = await writeConfig('');
    const capabilities = join(dirname(path), 'house-models.json');
    await writeFile(capabilities, JSON.stringify({ models: { 'house-new-1': { provider: 'openai', mode: 'chat', pricing: { input: 1e-6, output: 2e-6 } } } }));
    const tail = ['capabilities:', '  sources: [builtin, ./house-models.json]'];
    await writeFile(path, yaml([{ name: 'keep' }], tail));
    host = await startHost({ config: path });
    expect((await chat(host, 'house-new')).status).toBe(404);

    await writeFile(path, yaml([{ name: 'keep' }, { name: 'house-new', model: 'openai/house-new-1' }], tail));
    expect((await reloadConfig(host)).body.deployments.added).toEqual([idOf('house-new', 'openai/house-new-1')]);
    const client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: MASTER, maxRetries: 0 });
    const { response } = await client.chat.completions.create({ model: 'house-new', messages: [{ role: 'user', content: 'x' }] }).withResponse();
    // The fake upstream reports 12 prompt and 3 completion tokens: 12 × 1e-6 + 3 × 2e-6.
    expect(response.headers.get('x-switchyard-response-cost')).toBe('0.000018');
    expect(upstream.requests.at(-1)!.body.model).toBe('house-new-1');
  });

  it('says which changed settings need a restart, and keeps them', async () => {
    const path = await writeConfig(yaml([{ name: 'keep' }]));
    host = await startHost({ config: path });
    await writeFile(path, yaml([{ name: 'keep' }]).replace(MASTER, 'sk-new-master-0004'));
    const { status, body } = await reloadConfig(host);
    expect(status).toBe(200);
    expect(body.restart_required).toEqual(['general_settings.master_key']);
    expect(JSON.stringify(body)).not.toContain('sk-new-master-0004');
    expect((await chat(host, 'keep')).status).toBe(200); // still the old master key
    // The router's Redis connection is opened at start too (a closed port here: nothing listens on 1).
    await writeFile(path, yaml([{ name: 'keep' }], ['router_settings:', '  redis_url: redis://:pw-reload-0005@127.0.0.1:1']).replace(MASTER, 'sk-new-master-0004'));
    const again = await reloadConfig(host);
    expect(again.body.restart_required).toEqual(['general_settings.master_key', 'router_settings.redis_*']);
    expect(JSON.stringify(again.body)).not.toContain('pw-reload-0005');
  });
});

describe('config reload of a gateway built from an object', () => {
  it('answers 409: there is no file to re-read', async () => {
    const [, startHost] = ALL_HOSTS[1]!;
    const host = await startHost({ config: { model_list: [], general_settings: { master_key: MASTER } } });
    try {
      const { status, body } = await reloadConfig(host);
      expect(status).toBe(409);
      expect(body.error.code).toBe('invalid_config');
    } finally {
      await host.close();
    }
  });
});

describe('SIGHUP on the switchyard binary', () => {
  it('re-reads config.yaml: a deployment added to the file serves without a restart', async () => {
    const path = await writeConfig(yaml([{ name: 'keep' }]));
    const proxy = await startCli(path);
    try {
      const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: MASTER, maxRetries: 0 });
      await expect(client.chat.completions.create({ model: 'added', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
      await writeFile(path, yaml([{ name: 'keep' }, { name: 'added' }]));
      proxy.child.kill('SIGHUP');
      await expect.poll(() => proxy.output().includes('config reloaded (SIGHUP)')).toBe(true);
      const reply = await client.chat.completions.create({ model: 'added', messages: [{ role: 'user', content: 'x' }] });
      expect(reply.choices[0]?.message.content).toBe('Hello from upstream');

      await writeFile(path, yaml([{ name: 'keep' }, { name: 'added', extra: ['      api_bse: http://x'] }]));
      proxy.child.kill('SIGHUP');
      await expect.poll(() => proxy.output().includes('config reload failed')).toBe(true);
      expect(proxy.output()).toContain('did you mean api_base?');
      expect((await client.chat.completions.create({ model: 'added', messages: [{ role: 'user', content: 'x' }] })).choices).toHaveLength(1);
      expect(proxy.output()).not.toContain(UPSTREAM_SECRET);
      expect(proxy.output()).not.toContain(MASTER);
    } finally {
      await proxy.stop();
    }
  });
});
