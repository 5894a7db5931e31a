import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';
import { clip } from '../../errors/quote-client-value.js';
import { checkJsonValue } from '../check-json-value.js';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from '../json-limits.js';
import { JsonStructureScanner } from '../json-structure-scanner.js';

export interface ReadRequestBodyOptions {
  readonly limitBytes: number;
  /** Depth, key and array bounds (default DEFAULT_JSON_LIMITS). */
  readonly jsonLimits?: JsonLimits;
  /** What a host body parser already left on the request (`req.body`, `ctx.request.body`). */
  readonly parsed?: unknown;
}

/**
 * Reads a request's JSON body. Works whether or not the host parsed it first: when a body
 * parser already consumed the stream its result is used; otherwise the body is read here with
 * the size limit enforced while reading (a declared Content-Length over it is refused at once)
 * and the JSON limits checked chunk by chunk, before JSON.parse runs. A host-parsed body gets
 * the same JSON limits by a walk of the value. Only POST has a body; other methods give `undefined`.
 */
export async function readRequestBody(request: IncomingMessage, options: ReadRequestBodyOptions): Promise<unknown> {
  if (request.method !== 'POST') return undefined;
  // A bare POST (`curl -X POST …/reload/model_cost_map`, as LiteLLM documents it) has no body to read.
  if (request.headers['content-type'] === undefined && hasNoBody(request)) return undefined;
  assertJsonContentType(request.headers['content-type']);
  const jsonLimits = options.jsonLimits ?? DEFAULT_JSON_LIMITS;
  if (declaresMoreThan(request, options.limitBytes)) throw tooLarge(options.limitBytes);
  if (request.readableEnded || (request as { _body?: unknown })._body === true) {
    const { parsed } = options;
    // A raw parser left text: scanned like a body read here. A JSON parser left a value: walked.
    if (typeof parsed === 'string') return parseHostText(parsed, jsonLimits);
    if (Buffer.isBuffer(parsed)) return parseHostText(parsed.toString('utf8'), jsonLimits);
    checkJsonValue(parsed, jsonLimits);
    return parsed;
  }
  return parseJsonBody(await readText(request, options.limitBytes, new JsonStructureScanner(jsonLimits)));
}

/** A declared Content-Length over the limit: refused before a byte of the body is read. */
export function declaresMoreThan(request: IncomingMessage, limitBytes: number): boolean {
  return Number(request.headers['content-length']) > limitBytes;
}

function parseHostText(text: string, jsonLimits: JsonLimits): unknown {
  new JsonStructureScanner(jsonLimits).feed(Buffer.from(text, 'utf8'));
  return parseJsonBody(text);
}

function hasNoBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined);
}

/** Event-based rather than `for await`: the async iterator costs measurably more per request. */
function readText(request: IncomingMessage, limitBytes: number, scanner: JsonStructureScanner): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Stop collecting; the adapter drains the rest after answering (linger-after-early-answer.ts).
        reject(tooLarge(limitBytes));
        return;
      }
      try {
        scanner.feed(chunk);
      } catch (error) {
        cleanup();
        reject(error);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new GatewayError('client_closed_request', 'The client closed the connection while sending the body.', { cause: error }));
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new GatewayError('invalid_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError('invalid_json', `The request body is not valid JSON: ${clip((error as Error).message)}.`);
  }
}

/** JSON bodies only: `application/json` or any `+json` type, any charset. */
export function assertJsonContentType(contentType: string | undefined): void {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'application/json' || type?.endsWith('+json')) return;
  throw new GatewayError(
    'unsupported_media_type',
    `The request body must be JSON (Content-Type: application/json); got ${type ? JSON.stringify(clip(type)) : 'no Content-Type'}.`,
  );
}

/**
 * No `Connection: close` here: the adapter adds it, and closes the connection only after
 * draining the rest of the body for a bounded time (linger-after-early-answer.ts), so every
 * client reads the 413.
 */
export function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError(
    'payload_too_large',
    `The request body is larger than the limit of ${limitBytes} bytes (general_settings.max_request_size_mb).`,
  );
}
