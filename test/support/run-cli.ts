import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `switchyard` binary as a user runs it. */
export const SWITCHYARD_BIN = fileURLToPath(new URL('../../packages/server/bin/switchyard.js', import.meta.url));

/** Writes `text` to a fresh temporary config.yaml and returns its path. */
export async function writeConfig(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-config-'));
  const path = join(dir, 'config.yaml');
  await writeFile(path, text);
  return path;
}

/** Runs `switchyard --config <path>` expecting it to refuse the config: its exit code and everything it printed. */
export async function runRefusedConfig(path: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SWITCHYARD_BIN, '--config', path, '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  // A config that does load would listen forever: stop it, so the test fails instead of hanging.
  const guard = setTimeout(() => child.kill('SIGTERM'), 10_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(guard);
  return { code, output };
}

export interface RunningProxy {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `switchyard --config <path> --port 0` and waits until it listens. */
export async function startCli(path: string, env: Record<string, string> = {}): Promise<RunningProxy> {
  const child = spawn(process.execPath, [SWITCHYARD_BIN, '--config', path, '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return {
    child,
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
