// The `switchyard` command as a user runs it: a real child process, a config file, SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, chatCompletion, sendJson } from './support/fake-upstream.js';

const BIN = fileURLToPath(new URL('../packages/server/bin/switchyard.js', import.meta.url));
const EXAMPLE_CONFIG = fileURLToPath(new URL('../examples/config.yaml', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startProxy(args: string[], env: Record<string, string | undefined> = {}): Promise<Running> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, OPENAI_API_KEY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy did not start:\n${output}`)), 10_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`proxy exited:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

describe('switchyard standalone proxy', () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(() => upstream.close());

  it('serves the example config offline and prints how to call it', async () => {
    const proxy = await startProxy(['--config', EXAMPLE_CONFIG, '--port', '0']);
    try {
      expect(proxy.output()).toContain('curl');
      expect(proxy.output()).toContain("from 'openai'");
      const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'anything', maxRetries: 0 });
      const reply = await client.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'Hello' }] });
      expect(reply.choices[0]?.message.content).toContain('Hello from Switchyard');
      const models = [];
      for await (const model of client.models.list()) models.push(model.id);
      expect(models).toEqual(['demo', 'gpt-5.5', 'gpt-5.5-pro']);
    } finally {
      proxy.child.kill('SIGTERM');
      await once(proxy.child, 'exit');
    }
  });

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    upstream.handle((request, response) => {
      setTimeout(() => sendJson(response, 200, chatCompletion(request.body.model)), 400);
      return true;
    });
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-'));
    const config = join(dir, 'config.yaml');
    await writeFile(config, `model_list:\n  - model_name: slow\n    litellm_params:\n      model: openai/slow\n      api_base: ${upstream.url}\n      api_key: sk-test\n`);
    const proxy = await startProxy(['--config', config, '--port', '0']);
    const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const inFlight = client.chat.completions.create({ model: 'slow', messages: [{ role: 'user', content: 'x' }] });
    await expect.poll(() => upstream.requests.length).toBe(1);
    proxy.child.kill('SIGTERM');
    const reply = await inFlight;
    expect(reply.choices[0]?.message.content).toBe('Hello from upstream');
    const [code] = await once(proxy.child, 'exit');
    expect(code).toBe(0);
    upstream.reset();
  });

  it('--access-log writes one JSON line per model request, with cost and without keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-'));
    const config = join(dir, 'config.yaml');
    await writeFile(config, `model_list:\n  - model_name: gpt-4o-mini\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: ${upstream.url}\n      api_key: sk-upstream-secret-key-123\n`);
    const proxy = await startProxy(['--config', config, '--port', '0', '--access-log']);
    try {
      const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'x', maxRetries: 0 });
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
      await expect.poll(() => proxy.output().includes('"msg":"request"')).toBe(true);
      const line = JSON.parse(proxy.output().split('\n').find((text) => text.includes('"msg":"request"'))!);
      expect(line).toMatchObject({ model: 'gpt-4o-mini', status: 200, outcome: 'success', cost: '0.0000036' });
      expect(proxy.output()).not.toContain('sk-upstream-secret-key-123');
    } finally {
      proxy.child.kill('SIGTERM');
      await once(proxy.child, 'exit');
      upstream.reset();
    }
  });

  it('reloads capability sources on SIGHUP: a new price applies to the next request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-'));
    const config = join(dir, 'config.yaml');
    const capabilities = join(dir, 'models.json');
    const file = (input: number) => JSON.stringify({ models: { 'house-model': { provider: 'openai', mode: 'chat', pricing: { input, output: 0 } } } });
    await writeFile(capabilities, file(1e-6));
    await writeFile(
      config,
      `model_list:\n  - model_name: house\n    litellm_params:\n      model: openai/house-model\n      api_base: ${upstream.url}\n      api_key: sk-test\n` +
        'capabilities:\n  sources: [builtin, ./models.json]\n',
    );
    const proxy = await startProxy(['--config', config, '--port', '0']);
    const cost = async () => {
      const response = await fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'house', messages: [{ role: 'user', content: 'x' }] }),
      });
      return response.headers.get('x-switchyard-response-cost');
    };
    try {
      expect(await cost()).toBe('0.000012'); // 12 prompt tokens × $1e-6
      await writeFile(capabilities, file(2e-6));
      proxy.child.kill('SIGHUP');
      await expect.poll(() => proxy.output().includes('capabilities reloaded (SIGHUP)')).toBe(true);
      expect(await cost()).toBe('0.000024');
    } finally {
      proxy.child.kill('SIGTERM');
      await once(proxy.child, 'exit');
      upstream.reset();
    }
  });

  it('refuses a bad config with a message naming the path, and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-'));
    const config = join(dir, 'config.yaml');
    await writeFile(config, 'model_list:\n  - model_name: a\n    litellm_params: {}\n');
    const child = spawn(process.execPath, [BIN, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('model_list[0].litellm_params.model is required');
    expect(stderr).not.toContain('    at ');
  });

  it('names a missing environment variable and prints no other secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-'));
    const config = join(dir, 'config.yaml');
    await writeFile(
      config,
      'model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/a\n      api_key: sk-literal-secret-value\n' +
        'general_settings:\n  master_key: os.environ/SWITCHYARD_TEST_UNSET_KEY\n',
    );
    const child = spawn(process.execPath, [BIN, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('SWITCHYARD_TEST_UNSET_KEY');
    expect(stderr).not.toContain('sk-literal-secret-value');
  });
});
