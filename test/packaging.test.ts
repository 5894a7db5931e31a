// The published packages, as a user gets them: each package is packed (`pnpm pack`), the
// tarballs are installed with an ordinary `pnpm add @switchyard/express …` into a fresh project
// in a temp folder outside the workspace, and an Express app, a Koa app and the `switchyard`
// command run from there against a fake upstream. No network: a loopback registry serves the
// tarballs and the third-party versions the workspace lockfile pins, which pnpm takes from the
// store the workspace install filled (test/support/local-registry.ts).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from './support/child-server.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { LocalRegistry, type PackedPackage } from './support/local-registry.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = [
  '@switchyard/core',
  '@switchyard/default-providers',
  '@switchyard/express',
  '@switchyard/koa',
  '@switchyard/provider-anthropic',
  '@switchyard/provider-azure',
  '@switchyard/provider-gemini',
  '@switchyard/provider-openai',
  '@switchyard/provider-testkit',
  '@switchyard/schemas',
  '@switchyard/server',
  '@switchyard/store-postgres',
  '@switchyard/store-redis',
  '@switchyard/store-sqlite',
];

/** pnpm as the test was started (`pnpm test` sets npm_execpath), else the README's `npx --yes pnpm@10`. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(basename(execPath))) return [process.execPath, [execPath]];
  return ['npx', ['--yes', '--prefer-offline', 'pnpm@10']];
}

async function pnpm(cwd: string, args: readonly string[]): Promise<string> {
  const [command, prefix] = pnpmCommand();
  try {
    const { stdout } = await run(command, [...prefix, ...args], { cwd, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`pnpm ${args.join(' ')} failed in ${cwd}\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** The workspace's own npm_config_* / npm_package_* variables must not leak into the fresh project. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_(config|package|lifecycle)_/i.test(name)));
}

let work = '';
let project = '';
let packed: PackedPackage[] = [];
let registry: LocalRegistry | undefined;
let upstream: FakeUpstream;
const servers: ChildServer[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'switchyard-packaging-'));
  upstream = await FakeUpstream.start();

  // What the tarballs carry is dist/: build it (incremental, quick when up to date).
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root });
  const tarballs = join(work, 'tarballs');
  await pnpm(root, ['-r', '--filter', './packages/**', '--filter', './schemas', 'pack', '--pack-destination', tarballs]);
  packed = await Promise.all(
    (await readdir(tarballs)).map(async (file) => {
      const { stdout } = await run('tar', ['-xzOf', join(tarballs, file), 'package/package.json']);
      return { file: join(tarballs, file), manifest: JSON.parse(stdout) };
    }),
  );

  registry = await LocalRegistry.start({ lockfile: join(root, 'pnpm-lock.yaml'), packages: packed });
  project = join(work, 'my-app');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'my-app', private: true, type: 'module' }, null, 2));
  await pnpm(project, [
    'add',
    '@switchyard/express',
    '@switchyard/koa',
    '@switchyard/server',
    'express@^5.3.0',
    'koa@^3.3.0',
    '--registry', // only the local registry: nothing may leave the machine
    registry.url,
    '--cache-dir',
    join(work, 'pnpm-cache'),
    '--config.update-notifier=false',
  ]).catch((error: Error) => {
    const missing = registry?.missingTarballs ?? [];
    throw missing.length > 0 ? new Error(`the pnpm store lacks ${missing.join(', ')}: run \`npx --yes pnpm@10 install\` first\n${error.message}`) : error;
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await registry?.close();
  await upstream?.close();
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are every published package, with real version ranges and the fields a registry shows', () => {
    expect(packed.map((entry) => entry.manifest.name).sort()).toEqual(PUBLISHED);
    for (const { manifest } of packed) {
      expect(JSON.stringify(manifest), manifest.name).not.toContain('workspace:');
      expect(manifest, manifest.name).toMatchObject({ license: 'MIT', engines: { node: expect.any(String) }, description: expect.any(String), repository: expect.anything() });
      for (const [name, range] of Object.entries({ ...(manifest.dependencies as object) }) as [string, string][]) {
        if (name.startsWith('@switchyard/')) expect(range, `${manifest.name} → ${name}`).toBe(manifest.version);
      }
    }
  });

  it('carry a LICENSE, a README and what their manifests point at, and no tests or build state', async () => {
    for (const { file, manifest } of packed) {
      const { stdout } = await run('tar', ['-tzf', file]);
      const files = stdout.split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));
      expect(files, manifest.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      for (const target of [manifest.main, manifest.types, ...Object.values((manifest.bin as object) ?? {})]) {
        if (typeof target === 'string') expect(files, `${manifest.name}: ${target}`).toContain(target.replace(/^\.\//, ''));
      }
      expect(files.filter((path) => /\.test\.|\.tsbuildinfo$|__fixtures__/.test(path)), manifest.name).toEqual([]);
    }
  });
});

describe('npm pack', () => {
  it('refuses a package with workspace: ranges, which only pnpm rewrites, and says what to run', async () => {
    const failure = await run('npm', ['pack', '--dry-run'], { cwd: join(root, 'packages/express'), env: cleanEnv() }).then(
      () => 'packed',
      (error: { stderr: string }) => error.stderr,
    );
    expect(failure).toContain('@switchyard/core, @switchyard/default-providers have a workspace: range');
    expect(failure).toContain('npx --yes pnpm@10 pack');
  });
});

// Child processes and a type-check: generous limits for a loaded CI machine (nothing here is timed).
describe('installed from the tarballs into a fresh project outside the workspace', { timeout: 60_000 }, () => {
  const chat = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }),
    });

  /** A real answer through the gateway: the upstream saw the key, the shipped capability data priced it. */
  async function expectServed(url: string, headers: Record<string, string> = {}) {
    upstream.reset();
    const response = await chat(url, headers);
    const body = (await response.json()) as any;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.choices[0].message.content).toBe('Hello from upstream');
    expect(response.headers.get('x-switchyard-response-cost')).toMatch(/^0\.\d+$/); // gpt-4o's price from capabilities/openai.json
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({ path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-upstream' } });

    // Validation from the shipped schemas: refused before anything goes upstream.
    const refused = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], temperature: 'hot' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error).toMatchObject({ type: 'invalid_request_error', param: 'temperature' });
    expect(upstream.requests).toHaveLength(1);
  }

  const modelList = () => [{ model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o', api_base: upstream.url, api_key: 'sk-upstream' } }];

  it('serves requests from an Express app (`npm install @switchyard/express`)', async () => {
    await writeFile(
      join(project, 'express-app.js'),
      `import express from 'express';
import { gateway } from '@switchyard/express';
const app = express();
app.use(express.json({ limit: '10mb' }));
app.get('/orders/:id', (request, response) => response.json({ id: request.params.id }));
app.use('/llm', gateway({ config: { model_list: ${JSON.stringify(modelList())} } }));
const server = app.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
`,
    );
    const server = await startChildServer({ command: process.execPath, args: ['express-app.js'], cwd: project, listening: /listening on (\d+)/ });
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    await expectServed(`${base}/llm`);
    expect(await (await fetch(`${base}/orders/7`)).json()).toEqual({ id: '7' });
  });

  it('serves requests from a Koa app (`npm install @switchyard/koa`)', async () => {
    await writeFile(
      join(project, 'koa-app.js'),
      `import Koa from 'koa';
import { gateway } from '@switchyard/koa';
const app = new Koa();
app.use(gateway({ config: { model_list: ${JSON.stringify(modelList())} }, prefix: '/llm' }));
app.use((ctx) => { ctx.body = { host: 'koa' }; });
const server = app.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
`,
    );
    const server = await startChildServer({ command: process.execPath, args: ['koa-app.js'], cwd: project, listening: /listening on (\d+)/ });
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    await expectServed(`${base}/llm`);
    expect(await (await fetch(`${base}/elsewhere`)).json()).toEqual({ host: 'koa' });
  });

  it('runs the standalone proxy with the `switchyard` command', async () => {
    await writeFile(
      join(project, 'config.yaml'),
      `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_base: ${upstream.url}
      api_key: os.environ/UPSTREAM_KEY
general_settings:
  master_key: sk-master
`,
    );
    const binary = join(project, 'node_modules/.bin/switchyard');
    expect(existsSync(binary)).toBe(true);
    const server = await startChildServer({
      command: binary,
      args: ['--config', 'config.yaml', '--port', '0'],
      cwd: project,
      env: { ...process.env, UPSTREAM_KEY: 'sk-upstream' },
      listening: /Switchyard listening on http:\/\/127\.0\.0\.1:(\d+)/,
    });
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    expect((await chat(base)).status).toBe(401);
    await expectServed(base, { authorization: 'Bearer sk-master' });
    expect(server.stderr()).not.toContain('sk-upstream');

    // The README's `npx @switchyard/server --config …` finds the installed package, no download.
    const { stdout } = await run('npx', ['--offline', '@switchyard/server', '--help'], { cwd: project, env: cleanEnv() });
    expect(stdout).toContain('Usage: switchyard --config <config.yaml>');
  });

  it('gives TypeScript users the types', async () => {
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check-types.ts'] }),
    );
    await writeFile(
      join(project, 'check-types.ts'),
      `import { gateway, GatewayError, type GatewayConfig } from '@switchyard/express';
import { gateway as koaGateway } from '@switchyard/koa';
import { createProxyServer } from '@switchyard/server';
const config: GatewayConfig = { model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m' } }] };
// @ts-expect-error model_list must be a list: fails to compile only if the types are real, not any
const wrong: GatewayConfig = { model_list: 5 };
export const handlers = [gateway({ config }), koaGateway({ config, prefix: '/llm' }), createProxyServer, new GatewayError('invalid_api_key', 'no'), wrong];
`,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    await expect(run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(() => 'compiles')).resolves.toBe('compiles');
  });
});
