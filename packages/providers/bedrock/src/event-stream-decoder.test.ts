import { describe, expect, it } from 'vitest';
import { decodeEventStream, EventStreamFormatError } from './event-stream-decoder.js';
import { eventFrame, exceptionFrame } from './__fixtures__/event-stream.js';

async function* pieces(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

async function decodeAll(body: AsyncIterable<Uint8Array>) {
  const out: { headers: Record<string, string>; payload: unknown }[] = [];
  for await (const message of decodeEventStream(body)) out.push({ headers: { ...message.headers }, payload: JSON.parse(new TextDecoder().decode(message.payload)) });
  return out;
}

const join = (...frames: Uint8Array[]) => Buffer.concat(frames);
const first = eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Héllo ✓' } });
const second = eventFrame('messageStop', { stopReason: 'end_turn' });

describe('decodeEventStream (frames written by the AWS SDK codec)', () => {
  it('reads each message: headers and the JSON payload', async () => {
    const [message] = await decodeAll(pieces(first));
    expect(message!.headers).toEqual({ ':event-type': 'contentBlockDelta', ':content-type': 'application/json', ':message-type': 'event' });
    expect(message!.payload).toMatchObject({ contentBlockIndex: 0, delta: { text: 'Héllo ✓' } });
  });

  it('reads two messages that arrive in one chunk', async () => {
    const messages = await decodeAll(pieces(join(first, second)));
    expect(messages.map((message) => message.headers[':event-type'])).toEqual(['contentBlockDelta', 'messageStop']);
  });

  it('buffers a message split at every possible byte, the prelude included', async () => {
    const bytes = join(first, second);
    for (let cut = 1; cut < bytes.length; cut++) {
      const messages = await decodeAll(pieces(bytes.subarray(0, cut), bytes.subarray(cut)));
      expect(messages.map((message) => message.headers[':event-type'])).toEqual(['contentBlockDelta', 'messageStop']);
    }
  });

  it('reads a stream delivered one byte at a time', async () => {
    const bytes = join(first, exceptionFrame('throttlingException', 'slow down'));
    const messages = await decodeAll(pieces(...[...bytes].map((byte) => Uint8Array.of(byte))));
    expect(messages[1]).toEqual({ headers: { ':exception-type': 'throttlingException', ':content-type': 'application/json', ':message-type': 'exception' }, payload: { message: 'slow down' } });
  });

  it('refuses a message whose payload was altered (message CRC)', async () => {
    const bad = Uint8Array.from(first);
    bad[bad.length - 10]! ^= 0x01;
    await expect(decodeAll(pieces(bad))).rejects.toThrow(new EventStreamFormatError('event stream message CRC mismatch'));
  });

  it('refuses a prelude whose length was altered before trusting it (prelude CRC)', async () => {
    const bad = Uint8Array.from(first);
    bad[2]! ^= 0x40;
    await expect(decodeAll(pieces(bad))).rejects.toThrow('prelude CRC mismatch');
  });

  it('refuses a stream that ends inside a message', async () => {
    await expect(decodeAll(pieces(first.subarray(0, first.length - 3)))).rejects.toThrow('ended inside a message');
  });

  it('refuses a message larger than the cap', async () => {
    const messages = decodeEventStream(pieces(first), 32);
    await expect(messages.next()).rejects.toThrow('out of bounds');
  });
});
