import type { CacheSettings } from '../config/operations-settings.js';
import type { SseEvent } from '../http/gateway-response.js';
import type { Logger } from '../logging/logger.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { Stage } from '../pipeline/stage.js';
import { hashLabel } from '../metrics/bounded-label.js';
import { readCacheControls } from './cache-controls.js';
import { MODEL_GROUP_HEADER } from '../router/attempt-record.js';
import { cacheKey } from './cache-key.js';
import { parseCached, replay, serializeJson, serializeStream } from './cached-response.js';
import type { ResponseCacheStore } from './response-cache-store.js';

export const CACHE_HEADER = 'x-switchyard-cache';
/** A stream longer than this is passed on but not stored. */
const MAX_STREAM_ENTRY_BYTES = 4 * 1024 * 1024;
const WARN_INTERVAL_MS = 60_000;

export interface CacheStageOptions {
  readonly settings: CacheSettings | undefined;
  readonly store: ResponseCacheStore | undefined;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics | undefined;
  readonly clock: () => number;
}

/**
 * The response cache, between resolve and route: it needs the model group (so an alias and its
 * target share entries) and must answer before the router spends anything. A hit answers from
 * the store (a stream replays as a stream), sets `x-switchyard-cache: hit` and marks the context
 * so the cost stage prices it at 0; a miss calls the model and stores a successful answer. The
 * body's `cache` controls never go upstream. A store that fails is a miss, logged once a minute.
 */
export function createCacheStage(options: CacheStageOptions): Stage {
  const { settings, store } = options;
  if (settings === undefined || store === undefined) {
    return (context, next) => {
      if ('cache' in context.body) context.body = withoutCacheParam(context.body);
      return next();
    };
  }
  let warnedAt = -Infinity;
  const warn = (error: unknown, what: string) => {
    const now = options.clock();
    if (now - warnedAt < WARN_INTERVAL_MS) return;
    warnedAt = now;
    options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, `response cache ${what} failed; answering without the cache`);
  };
  return async (context, next) => {
    const endpoint = context.route.endpoint;
    const bodyCache = context.body.cache;
    const controls = readCacheControls(bodyCache, context.header('cache-control'));
    if (bodyCache !== undefined) context.body = withoutCacheParam(context.body);
    if (endpoint === undefined || endpoint === 'messages' || !settings.endpoints.has(endpoint) || (settings.defaultOff && !controls.useCache)) return next();

    const key = cacheKey({
      namespace: controls.namespace ?? settings.namespace,
      endpoint,
      modelGroup: context.modelGroup ?? '',
      body: context.body,
      apiKeyHash: settings.perApiKey ? hashLabel(context.header('authorization') ?? '') : undefined,
    });
    if (!controls.noCache) {
      let text: string | undefined;
      try {
        text = await store.get(key);
      } catch (error) {
        warn(error, 'read');
      }
      const cached = text === undefined ? undefined : parseCached(text);
      const fresh = cached !== undefined && (controls.maxAgeSeconds === undefined || options.clock() - cached.storedAt <= controls.maxAgeSeconds * 1000);
      if (fresh && cached.kind === (context.body.stream === true ? 'stream' : 'json')) {
        context.cache = 'hit';
        options.metrics?.cacheLookup('hit');
        context.setHeader(CACHE_HEADER, 'hit');
        if (context.modelGroup !== undefined) context.setHeader(MODEL_GROUP_HEADER, context.modelGroup);
        context.response = replay(cached);
        return;
      }
    }
    context.cache = 'miss';
    options.metrics?.cacheLookup('miss');
    context.setHeader(CACHE_HEADER, 'miss');
    await next();
    const response = context.response;
    if (controls.noStore || response === undefined || response.status !== 200) return;
    const ttl = controls.ttlSeconds ?? settings.ttlSeconds;
    if (ttl <= 0) return;
    const save = (value: string) => store.set(key, value, ttl).catch((error: unknown) => warn(error, 'write'));
    if (response.kind === 'json') {
      void save(serializeJson(options.clock(), response.status, response.body));
      return;
    }
    if (response.kind !== 'stream') return;
    response.events = recordStream(response.events, context, (frames) => save(serializeStream(options.clock(), response.status, response.format, frames)));
  };
}

function withoutCacheParam(body: Record<string, unknown>): Record<string, unknown> {
  const copy = Object.assign({}, body);
  delete copy.cache;
  return copy;
}

/**
 * Passes the stream on unchanged and keeps each event's JSON; stores them only when the stream
 * ended as it should (not failed, not abandoned by the client) and stayed under the size bound.
 */
async function* recordStream(events: AsyncIterable<SseEvent>, context: GatewayContext, store: (frames: readonly string[]) => void): AsyncGenerator<SseEvent> {
  const frames: string[] = [];
  let bytes = 0;
  let keep = true;
  for await (const event of events) {
    if (keep && isErrorEvent(event)) keep = false;
    if (keep) {
      const frame = JSON.stringify(event.event === undefined ? { data: event.data } : { event: event.event, data: event.data });
      bytes += frame.length;
      if (bytes > MAX_STREAM_ENTRY_BYTES) {
        keep = false;
        frames.length = 0;
      } else frames.push(frame);
    }
    yield event;
  }
  if (keep && !context.request.signal.aborted) store(frames);
}

function isErrorEvent(event: SseEvent): boolean {
  const data = event.data;
  return event.event === 'error' || (data !== null && typeof data === 'object' && 'error' in data && (data as { error: unknown }).error != null);
}
