// Bedrock's binary event stream, written by the AWS SDK's own codec (@smithy/eventstream-codec),
// so the plugin's decoder is tested against frames it did not write itself.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const text = (value: string) => ({ type: 'string' as const, value });

/** One recorded ConverseStream event: `{ "contentBlockDelta": { … } }` as Bedrock's SDKs show it. */
export type ConverseStreamEvent = Readonly<Record<string, unknown>>;

/** An `event` message; Bedrock pads each payload with a `p` field of random length, kept here. */
export function eventFrame(type: string, payload: unknown): Uint8Array {
  const body = { ...(payload as object), p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'.slice(0, 5 + (type.length % 20)) };
  return codec.encode({ headers: { ':event-type': text(type), ':content-type': text('application/json'), ':message-type': text('event') }, body: fromUtf8(JSON.stringify(body)) });
}

/** An `exception` message inside a 200 stream: `{"message": …}` under `:exception-type`. */
export function exceptionFrame(type: string, message: string): Uint8Array {
  return codec.encode({ headers: { ':exception-type': text(type), ':content-type': text('application/json'), ':message-type': text('exception') }, body: fromUtf8(JSON.stringify({ message })) });
}

/** `[{messageStart: {...}}, {contentBlockDelta: {...}}, …]` → one frame per event (`exception` entries: `{exception: {type, message}}`). */
export function framesOf(events: readonly ConverseStreamEvent[]): Uint8Array[] {
  return events.map((event) => {
    const [type, payload] = Object.entries(event)[0]!;
    if (type === 'exception') {
      const { type: exceptionType, message } = payload as { type: string; message: string };
      return exceptionFrame(exceptionType, message);
    }
    return eventFrame(type, payload);
  });
}

export const EVENT_STREAM_HEADERS = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'f3b1c2d4-0000-4000-8000-conformance' };
