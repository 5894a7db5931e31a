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
 * `push()` is synchronous, so a caller reading the body needs no generator layer per message.
 */
export class EventStreamDecoder {
  #buffer: Uint8Array = new Uint8Array(0);
  readonly #maxMessageBytes: number;

  /** `maxMessageBytes` caps one message (default the framing's 16 MB). */
  constructor(maxMessageBytes = MAX_MESSAGE_BYTES) {
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** The whole messages completed by this chunk, in order. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    const buffer = this.#buffer.length === 0 ? chunk : concat(this.#buffer, chunk);
    const messages: EventStreamMessage[] = [];
    let offset = 0;
    while (buffer.length - offset >= PRELUDE_BYTES) {
      const total = uint32(buffer, offset);
      const headersLength = uint32(buffer, offset + 4);
      if (crc32(buffer, offset, offset + 8) !== uint32(buffer, offset + 8)) throw new EventStreamFormatError('event stream prelude CRC mismatch');
      if (total < MIN_MESSAGE_BYTES || total > this.#maxMessageBytes || headersLength > total - MIN_MESSAGE_BYTES) {
        throw new EventStreamFormatError(`event stream message of ${total} bytes is out of bounds`);
      }
      if (buffer.length - offset < total) break;
      const end = offset + total;
      if (crc32(buffer, offset, end - TRAILER_BYTES) !== uint32(buffer, end - TRAILER_BYTES)) throw new EventStreamFormatError('event stream message CRC mismatch');
      const headersStart = offset + PRELUDE_BYTES;
      const payloadStart = headersStart + headersLength;
      messages.push({ headers: readHeaders(buffer, headersStart, payloadStart), payload: buffer.subarray(payloadStart, end - TRAILER_BYTES) });
      offset = end;
    }
    this.#buffer = offset === buffer.length ? new Uint8Array(0) : buffer.subarray(offset);
    return messages;
  }

  /** Call when the body has ended: bytes left over are a message cut short. */
  end(): void {
    if (this.#buffer.length > 0) throw new EventStreamFormatError('event stream ended inside a message');
  }
}

/** The decoder over a whole byte stream, as an async iterable of messages. */
export async function* decodeEventStream(body: AsyncIterable<Uint8Array>, maxMessageBytes = MAX_MESSAGE_BYTES): AsyncGenerator<EventStreamMessage> {
  const decoder = new EventStreamDecoder(maxMessageBytes);
  for await (const chunk of body) yield* decoder.push(chunk);
  decoder.end();
}

/** A big-endian unsigned 32-bit integer at `offset`. */
function uint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return joined;
}

const decoder = new TextDecoder();

/**
 * Header names and Bedrock's header values are short ASCII (`:event-type`, `contentBlockDelta`):
 * read byte by byte, which is several times cheaper than a TextDecoder call per string.
 */
function readText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return decoder.decode(bytes.subarray(start, end));
  let text = '';
  for (let index = start; index < end; index++) {
    const code = bytes[index]!;
    if (code > 0x7f) return decoder.decode(bytes.subarray(start, end));
    text += String.fromCharCode(code);
  }
  return text;
}

/**
 * Header values are typed; Bedrock sends strings (type 7) only, but every type is stepped over
 * correctly so an unknown header never misaligns the rest.
 */
function readHeaders(bytes: Uint8Array, start: number, end: number): Record<string, string> {
  const headers: Record<string, string> = {};
  let view: DataView | undefined;
  let position = start;
  while (position < end) {
    const nameLength = bytes[position]!;
    const name = readText(bytes, position + 1, position + 1 + nameLength);
    position += 1 + nameLength;
    const type = bytes[position]!;
    position += 1;
    switch (type) {
      case 0: // true
      case 1: // false
        headers[name] = type === 0 ? 'true' : 'false';
        break;
      case 2: // byte
        headers[name] = String((view ??= new DataView(bytes.buffer, bytes.byteOffset)).getInt8(position));
        position += 1;
        break;
      case 3: // short
        headers[name] = String((view ??= new DataView(bytes.buffer, bytes.byteOffset)).getInt16(position));
        position += 2;
        break;
      case 4: // integer
        headers[name] = String((view ??= new DataView(bytes.buffer, bytes.byteOffset)).getInt32(position));
        position += 4;
        break;
      case 5: // long
      case 8: // timestamp
        headers[name] = String((view ??= new DataView(bytes.buffer, bytes.byteOffset)).getBigInt64(position));
        position += 8;
        break;
      case 6: // byte array
      case 7: {
        // string
        const length = (bytes[position]! << 8) | bytes[position + 1]!;
        position += 2;
        if (type === 7) headers[name] = readText(bytes, position, position + length);
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
