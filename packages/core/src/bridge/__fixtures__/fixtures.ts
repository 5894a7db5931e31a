import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import type { SseEvent } from '../../http/gateway-response.js';
import { formatSseEvent, parseSseStream } from '../../http/sse.js';

/** Test helpers for the bridge: recorded-style fixtures and a real OpenAI client without sockets. */

export function readJsonFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as T;
}

/** A `.chunks.txt` fixture (SSE text, as the upstream sends it) as parsed events. */
export function fixtureEvents(name: string): AsyncIterable<SseEvent> {
  return parseSseStream(bytesOf(readFileSync(new URL(name, import.meta.url))));
}

async function* bytesOf(buffer: Uint8Array): AsyncGenerator<Uint8Array> {
  yield buffer;
}

export async function* eventsOf(data: readonly unknown[]): AsyncGenerator<SseEvent> {
  for (const item of data) yield { data: item };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The data of each event, JSON parsed (the `[DONE]` sentinel stays a string). */
export function dataOf(events: readonly SseEvent[]): any[] {
  return events.map((event) => event.data);
}

/**
 * The official `openai` client, answered by `events` as if the gateway had sent them: the
 * client parses the exact bytes our SSE writer produces, through its own stream helpers.
 */
export function openaiClientAnswering(events: readonly SseEvent[]): OpenAI {
  const body = events.map(formatSseEvent).join('');
  return new OpenAI({
    apiKey: 'test-key',
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
}
