import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

/**
 * The outside services some suites need: a Redis and a Postgres server on loopback, and a
 * Chromium binary. On a developer's machine that lacks one, the suite that needs it prints one
 * line saying so and is skipped; with `SWITCHYARD_REQUIRE_SERVICES=1` (which `.ci/run` sets) a
 * missing service is a failure instead, so CI always runs every suite.
 */
export type ServiceName = 'redis' | 'postgres' | 'chromium';

export interface ServiceProbe {
  readonly name: ServiceName;
  readonly available: boolean;
  /** Where it was found (`127.0.0.1:6379`, `/usr/bin/chromium`), or why it was not. */
  readonly detail: string;
}

export const servicesRequired = process.env.SWITCHYARD_REQUIRE_SERVICES === '1';

export const redisUrl = process.env.SWITCHYARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const postgresUrl = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const cache = new Map<ServiceName, Promise<ServiceProbe>>();

/** Probes a service once per test file (a TCP connect, or a look along PATH). */
export function probeService(name: ServiceName): Promise<ServiceProbe> {
  let probe = cache.get(name);
  if (probe === undefined) {
    probe = name === 'chromium' ? Promise.resolve(findChromium()) : probeTcp(name, name === 'redis' ? redisUrl : postgresUrl);
    cache.set(name, probe);
  }
  return probe;
}

/**
 * For a suite's top level: `const redis = await requireService('redis', 'router shared state');
 * describe.skipIf(!redis.available)(…)`. Prints one loud line when the service is missing, and
 * throws instead when services are required (CI).
 */
export async function requireService(name: ServiceName, suite: string): Promise<ServiceProbe> {
  const probe = await probeService(name);
  if (!probe.available) {
    const line = `SKIPPED: ${suite} needs ${name} (${probe.detail})`;
    if (servicesRequired) throw new Error(`${line}; SWITCHYARD_REQUIRE_SERVICES=1 makes a missing service a failure`);
    console.warn(`\n*** ${line}; set it up as DEVELOPERS.md says to run this suite ***\n`);
  }
  return probe;
}

/** The Chromium binary: `SWITCHYARD_CHROMIUM`, else `chromium` or `chromium-browser` on PATH. */
export function chromiumPath(): string | undefined {
  const probe = findChromium();
  return probe.available ? probe.detail : undefined;
}

function findChromium(): ServiceProbe {
  const candidates = process.env.SWITCHYARD_CHROMIUM
    ? [process.env.SWITCHYARD_CHROMIUM]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .flatMap((dir) => ['chromium', 'chromium-browser'].map((bin) => join(dir, bin)));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return { name: 'chromium', available: true, detail: file };
    } catch {
      // not here
    }
  }
  return { name: 'chromium', available: false, detail: 'no chromium on PATH; apt-get install -y chromium' };
}

function probeTcp(name: ServiceName, url: string): Promise<ServiceProbe> {
  const { hostname, port } = new URL(url);
  const where = `${hostname}:${port}`;
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (available: boolean, detail: string) => {
      socket.destroy();
      resolve({ name, available, detail });
    };
    socket.setTimeout(1_000, () => done(false, `no answer from ${where}`));
    socket.once('connect', () => done(true, where));
    socket.once('error', (error: NodeJS.ErrnoException) => done(false, `${error.code ?? error.message} at ${where}`));
  });
}
