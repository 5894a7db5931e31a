import { describe, expect, it } from 'vitest';
import { formatSseEvent, parseSseStream } from './sse.js';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  // Split mid-event, as a network read would.
  const buffer = Buffer.from(text);
  yield buffer.subarray(0, 37);
  yield buffer.subarray(37);
}

describe('parseSseStream with keepRaw', () => {
  it('writes each event back exactly as the upstream framed its data, spacing and escapes included', async () => {
    const upstream = 'event: content_block_delta\ndata: {"type": "content_block_delta",  "index":0,"delta":{"type":"text_delta","text":"caf\\u00e9"}}\n\nevent: ping\ndata: {"type":"ping"}\n\n';
    let written = '';
    for await (const event of parseSseStream(bytes(upstream), { keepRaw: true })) written += formatSseEvent(event);
    expect(written).toBe(upstream);
  });

  it('re-serializes an event whose data spanned several lines, and data that was changed once raw is dropped', async () => {
    const events = [];
    for await (const event of parseSseStream(bytes('data: {"a":\ndata: 1}\n\n'), { keepRaw: true })) events.push(event);
    expect(events).toEqual([{ data: { a: 1 } }]);
    expect(formatSseEvent(events[0]!)).toBe('data: {"a":1}\n\n');
  });
});
