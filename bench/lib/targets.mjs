// Starts each target as its own child process (so /proc shows its CPU and memory alone) and
// makes sure every child is stopped however the harness ends.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';

const children = new Set();

/** A port that was free a moment ago (the OS picks it; the child binds it right after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node <args>` in `cwd`, logging to `<logDirectory>/<name>.log`, and waits until
 * `http://127.0.0.1:<port>/` answers any HTTP request.
 */
export async function startTarget({ name, args, port, cwd, logDirectory, startTimeoutMs = 30_000 }) {
  const logPath = join(logDirectory, `${name}.log`);
  const log = openSync(logPath, 'a');
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', log, log], env: process.env });
  closeSync(log);
  children.add(child);
  let exited = false;
  child.once('exit', () => {
    exited = true;
    children.delete(child);
  });
  const target = { name, pid: child.pid, port, origin: `http://127.0.0.1:${port}`, logPath, child, isAlive: () => !exited };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited during start-up (code ${child.exitCode}):\n${logTail(logPath)}`);
    try {
      const response = await request(`${target.origin}/`, { headersTimeout: 2000, bodyTimeout: 2000 });
      await response.body.dump();
      return target;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${name} did not answer on port ${port} within ${startTimeoutMs} ms:\n${logTail(logPath)}`);
}

/** The last lines of a target's log, for error messages. */
export function logTail(logPath, lines = 20) {
  try {
    return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM to every child still running, SIGKILL to any left after `graceMs`. */
export async function stopAllTargets(graceMs = 5000) {
  const running = [...children];
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Last resort on process exit (synchronous): nothing the harness started outlives it. */
export function killAllTargetsNow() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
