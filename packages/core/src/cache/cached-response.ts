import type { GatewayResponse, SseEvent, StreamFormat } from '../http/gateway-response.js';

/** A stored answer: a JSON body, or a stream's events as they came (each one's data as JSON text). */
export type CachedResponse =
  | { readonly kind: 'json'; readonly storedAt: number; readonly status: number; readonly body: unknown }
  | { readonly kind: 'stream'; readonly storedAt: number; readonly status: number; readonly format: StreamFormat | undefined; readonly events: readonly SseEvent[] };

export function serializeJson(storedAt: number, status: number, body: unknown): string {
  return JSON.stringify({ kind: 'json', storedAt, status, body });
}

/** `frames` are already JSON (`{"event":…,"data":…}`): a stream is serialized once, at its end. */
export function serializeStream(storedAt: number, status: number, format: StreamFormat | undefined, frames: readonly string[]): string {
  return `{"kind":"stream","storedAt":${storedAt},"status":${status},"format":${JSON.stringify(format ?? 'chat')},"events":[${frames.join(',')}]}`;
}

/** Undefined for anything that is not a well-formed entry (a foreign value under our key). */
export function parseCached(text: string): CachedResponse | undefined {
  try {
    const value = JSON.parse(text) as Partial<CachedResponse> & Record<string, unknown>;
    if (typeof value.storedAt !== 'number' || typeof value.status !== 'number') return undefined;
    if (value.kind === 'json') return value as CachedResponse;
    if (value.kind === 'stream' && Array.isArray(value.events)) return value as CachedResponse;
    return undefined;
  } catch {
    return undefined;
  }
}

/** The answer a hit gives: the stored body, or the stored events replayed as a stream. */
export function replay(cached: CachedResponse): GatewayResponse {
  if (cached.kind === 'json') return { kind: 'json', status: cached.status, headers: {}, body: cached.body };
  const events = cached.events;
  return {
    kind: 'stream',
    status: cached.status,
    headers: {},
    ...(cached.format === undefined ? {} : { format: cached.format }),
    events: (async function* () {
      for (const event of events) yield event;
    })(),
  };
}
