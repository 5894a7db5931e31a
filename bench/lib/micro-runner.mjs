// Runs every bench/micro/*.mjs in its own Node process (a fresh heap and JIT each), in name order.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MICRO_DIRECTORY = fileURLToPath(new URL('../micro/', import.meta.url));
const RUNNER = fileURLToPath(new URL('./run-micro-file.mjs', import.meta.url));

function runFile(path, { quick, timeoutMs }) {
  return new Promise((resolve) => {
    const args = [RUNNER, path, ...(quick ? ['--quick'] : [])];
    execFile(process.execPath, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const file = basename(path);
      if (error) return resolve([{ file, error: error.killed ? `timed out after ${timeoutMs} ms` : stderr.trim() || error.message }]);
      try {
        const lastLine = stdout.trim().split('\n').at(-1);
        resolve(JSON.parse(lastLine).map((entry) => ({ file, ...entry })));
      } catch {
        resolve([{ file, error: `no JSON result line on stdout: ${stdout.slice(-200)}` }]);
      }
    });
  });
}

/**
 * Results of every micro-benchmark; a failing one becomes an `{ file, error }` entry, never a throw.
 * Five minutes a file: the ones that seed a 1M-row database spend about a minute on it first.
 */
export async function runMicroBenchmarks({ quick, timeoutMs = 300_000, onResult = () => {} }) {
  const files = readdirSync(MICRO_DIRECTORY).filter((name) => name.endsWith('.mjs')).sort();
  const results = [];
  for (const name of files) {
    const entries = await runFile(join(MICRO_DIRECTORY, name), { quick, timeoutMs });
    entries.forEach(onResult);
    results.push(...entries);
  }
  return results;
}
