import { GatewayError } from '../errors/gateway-error.js';

/** What one request asks of the cache (LiteLLM's `cache` body param and the `Cache-Control` header). */
export interface CacheControls {
  /** `no-cache`: do not answer from the cache (the fresh answer is still stored). */
  readonly noCache: boolean;
  /** `no-store`: do not store this answer. */
  readonly noStore: boolean;
  /** `ttl`: store this answer for this many seconds instead of cache_params.ttl. */
  readonly ttlSeconds: number | undefined;
  /** `s-maxage` (or the header's `max-age`): accept only entries younger than this many seconds. */
  readonly maxAgeSeconds: number | undefined;
  /** `use-cache: true`, for `mode: default_off`. */
  readonly useCache: boolean;
  /** `namespace`: a per-request namespace instead of cache_params.namespace. */
  readonly namespace: string | undefined;
}

const NONE: CacheControls = { noCache: false, noStore: false, ttlSeconds: undefined, maxAgeSeconds: undefined, useCache: false, namespace: undefined };

/** Reads the controls; a malformed `cache` object is the client's error (400, param `cache`). */
export function readCacheControls(bodyCache: unknown, header: string | undefined): CacheControls {
  if (bodyCache === undefined && header === undefined) return NONE;
  let noCache = false;
  let noStore = false;
  let ttlSeconds: number | undefined;
  let maxAgeSeconds: number | undefined;
  let useCache = false;
  let namespace: string | undefined;
  if (bodyCache !== undefined && bodyCache !== null) {
    if (typeof bodyCache !== 'object' || Array.isArray(bodyCache)) throw invalid('must be an object such as {"no-cache": true}');
    const controls = bodyCache as Record<string, unknown>;
    noCache = flag(controls['no-cache'], 'no-cache');
    noStore = flag(controls['no-store'], 'no-store');
    useCache = flag(controls['use-cache'], 'use-cache');
    ttlSeconds = seconds(controls.ttl, 'ttl');
    maxAgeSeconds = seconds(controls['s-maxage'], 's-maxage');
    if (controls.namespace !== undefined) {
      if (typeof controls.namespace !== 'string') throw invalid('namespace must be a string');
      namespace = controls.namespace;
    }
  }
  let headerAsks = false;
  if (header !== undefined) {
    for (const directive of header.toLowerCase().split(',')) {
      const [name, value] = directive.trim().split('=', 2) as [string, string | undefined];
      if (name === 'no-cache') noCache = true;
      else if (name === 'no-store') noStore = true;
      else if ((name === 'max-age' || name === 's-maxage') && value !== undefined && /^\d+$/.test(value)) {
        const age = Number(value);
        headerAsks = true;
        maxAgeSeconds = maxAgeSeconds === undefined ? age : Math.min(maxAgeSeconds, age);
        if (age === 0) noCache = true;
      }
    }
  }
  // For mode: default_off, a header asking for an entry of some age opts in like `use-cache`.
  return { noCache, noStore, ttlSeconds, maxAgeSeconds, useCache: useCache || headerAsks, namespace };
}

function flag(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw invalid(`${name} must be true or false`);
  return value;
}

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(`${name} must be a number of seconds`);
  return value;
}

function invalid(detail: string): GatewayError {
  return new GatewayError('invalid_value', `Invalid 'cache': ${detail}.`, { param: 'cache' });
}
