/** What a store (or any dependency) says about itself when readiness is asked. */
export interface ReadinessResult {
  /** `degraded`: unreachable, but the gateway keeps serving in its documented degraded mode (still ready). */
  readonly status: 'ok' | 'degraded' | 'down';
  readonly detail?: string;
}

export type ReadinessCheck = () => Promise<ReadinessResult> | ReadinessResult;

/** A check slower than this counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * `GET /health/readiness`: ready when capabilities are loaded, the gateway is not draining for
 * shutdown, and every registered check is `ok` or `degraded`. Stores register themselves here
 * (`gateway.readiness.register('postgres', () => …)`); the response cache's store is registered
 * by the gateway when it has a `ping`.
 */
export class Readiness {
  readonly #checks = new Map<string, ReadinessCheck>();
  #draining = false;

  register(name: string, check: ReadinessCheck): void {
    this.#checks.set(name, check);
  }

  /** From now on readiness answers 503, so a load balancer stops sending new requests. */
  drain(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  async run(): Promise<Record<string, ReadinessResult>> {
    const entries = await Promise.all(
      [...this.#checks].map(async ([name, check]): Promise<[string, ReadinessResult]> => [name, await withTimeout(check)]),
    );
    return Object.fromEntries(entries);
  }
}

async function withTimeout(check: ReadinessCheck): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<ReadinessResult>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'down', detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
