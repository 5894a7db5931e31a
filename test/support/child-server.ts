import { spawn, type ChildProcess } from 'node:child_process';

/** A server started as a child process, once it has printed the port it listens on. */
export interface ChildServer {
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything written to stderr so far (the gateway's JSON log lines). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `command` and waits for a stdout line matching `listening` (its first group is the
 * port). Fails with the process's own output when it exits or stays silent for `timeoutMs`.
 */
export function startChildServer(options: {
  command: string;
  args: readonly string[];
  cwd: string;
  listening: RegExp;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${options.command} ${options.args.join(' ')} ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`printed no ${options.listening} within ${options.timeoutMs ?? 20_000} ms`), options.timeoutMs ?? 20_000);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = options.listening.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ port: Number(match[1]), child, stderr: () => stderr, stop });
    });
  });
}
