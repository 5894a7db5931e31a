import { crc32 } from './crc32.js';

/**
 * One message of the `application/vnd.amazon.eventstream` framing: string headers
 * (`:message-type`, `:event-type`, `:exception-type`, `:content-type`, …) and the raw payload.
 * https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 */
export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Uint8Array;
}

/** A frame the decoder cannot read; the caller maps it to an upstream error. */
export class EventStreamFormatError extends Error {
  override readonly name = 'EventStreamFormatError';
}

const PRELUDE_BYTES = 12;
const TRAILER_BYTES = 4;
/** The framing's own limit for one message (16 MB), and the smallest a message can be. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const MIN_MESSAGE_BYTES = PRELUDE_BYTES + TRAILER_BYTES;

/**
 * Decodes the binary event stream as its bytes arrive: chunks are buffered until a whole
 * message is there (a message may span many reads, a read may hold many messages), the prelude
 * CRC is checked before the length is trusted, the message CRC before the payload is used.
 * `maxMessageBytes` caps one message (default the framing's 16 MB).
 */
export async function* decodeEventStream(body: AsyncIterable<Uint8Array>, maxMessageBytes = MAX_MESSAGE_BYTES): AsyncGenerator<EventStreamMessage> {
  let buffer: Uint8Array = new Uint8Array(0);
  for await (const chunk of body) {
    buffer = buffer.length === 0 ? chunk : concat(buffer, chunk);
    let offset = 0;
    while (buffer.length - offset >= PRELUDE_BYTES) {
      const view = new DataView(buffer.buffer, buffer.byteOffset + offset, PRELUDE_BYTES);
      const total = view.getUint32(0);
      const headersLength = view.getUint32(4);
      if (crc32(buffer, offset, offset + 8) !== view.getUint32(8)) throw new EventStreamFormatError('event stream prelude CRC mismatch');
      if (total < MIN_MESSAGE_BYTES || total > maxMessageBytes || headersLength > total - MIN_MESSAGE_BYTES) {
        throw new EventStreamFormatError(`event stream message of ${total} bytes is out of bounds`);
      }
      if (buffer.length - offset < total) break;
      const end = offset + total;
      const expected = new DataView(buffer.buffer, buffer.byteOffset + end - TRAILER_BYTES, TRAILER_BYTES).getUint32(0);
      if (crc32(buffer, offset, end - TRAILER_BYTES) !== expected) throw new EventStreamFormatError('event stream message CRC mismatch');
      const headersStart = offset + PRELUDE_BYTES;
      const payloadStart = headersStart + headersLength;
      yield { headers: readHeaders(buffer, headersStart, payloadStart), payload: buffer.subarray(payloadStart, end - TRAILER_BYTES) };
      offset = end;
    }
    buffer = offset === buffer.length ? new Uint8Array(0) : buffer.subarray(offset);
  }
  if (buffer.length > 0) throw new EventStreamFormatError('event stream ended inside a message');
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return joined;
}

const decoder = new TextDecoder();

/**
 * Header values are typed; Bedrock sends strings (type 7) only, but every type is stepped over
 * correctly so an unknown header never misaligns the rest.
 */
function readHeaders(bytes: Uint8Array, start: number, end: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let position = start;
  while (position < end) {
    const nameLength = bytes[position]!;
    const name = decoder.decode(bytes.subarray(position + 1, position + 1 + nameLength));
    position += 1 + nameLength;
    const type = bytes[position]!;
    position += 1;
    switch (type) {
      case 0: // true
      case 1: // false
        headers[name] = type === 0 ? 'true' : 'false';
        break;
      case 2: // byte
        headers[name] = String(view.getInt8(position));
        position += 1;
        break;
      case 3: // short
        headers[name] = String(view.getInt16(position));
        position += 2;
        break;
      case 4: // integer
        headers[name] = String(view.getInt32(position));
        position += 4;
        break;
      case 5: // long
      case 8: // timestamp
        headers[name] = String(view.getBigInt64(position));
        position += 8;
        break;
      case 6: // byte array
      case 7: {
        // string
        const length = view.getUint16(position);
        position += 2;
        if (type === 7) headers[name] = decoder.decode(bytes.subarray(position, position + length));
        position += length;
        break;
      }
      case 9: // uuid
        position += 16;
        break;
      default:
        throw new EventStreamFormatError(`event stream header "${name}" has unknown type ${type}`);
    }
    if (position > end) throw new EventStreamFormatError('event stream headers overrun their length');
  }
  return headers;
}
