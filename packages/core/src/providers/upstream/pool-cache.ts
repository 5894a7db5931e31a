import { Pool, type Dispatcher } from 'undici';
import { traceHeadersInterceptor } from '../../tracing/trace-headers-interceptor.js';

/** The connection settings every undici-based provider plugin takes (see its options). */
export interface PoolOptions {
  readonly connectionsPerOrigin?: number;
  readonly keepAliveTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Used for every origin instead of the cache's own pools; never closed by the cache. */
  readonly dispatcher?: Dispatcher;
}

/**
 * One keep-alive pool per upstream origin, opened on first use and owned by one provider
 * instance, so two gateways in one process never share sockets.
 */
export class PoolCache {
  readonly #pools = new Map<string, Pool>();
  /** Each pool with the trace-context interceptor in front (the `traceparent` seam for every provider). */
  readonly #traced = new Map<string, Dispatcher>();
  readonly #options: PoolOptions;
  #tracedCustom: Dispatcher | undefined;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  get(origin: string): Dispatcher {
    if (this.#options.dispatcher !== undefined) return (this.#tracedCustom ??= this.#options.dispatcher.compose(traceHeadersInterceptor));
    let traced = this.#traced.get(origin);
    if (traced !== undefined) return traced;
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.#options.connectionsPerOrigin ?? null,
        ...(this.#options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeout: this.#options.keepAliveTimeoutMs }),
        ...(this.#options.connectTimeoutMs === undefined ? {} : { connectTimeout: this.#options.connectTimeoutMs }),
      });
      this.#pools.set(origin, pool);
    }
    traced = pool.compose(traceHeadersInterceptor);
    this.#traced.set(origin, traced);
    return traced;
  }

  /** Lets in-flight requests finish, then closes every socket. */
  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    this.#traced.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}
