import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';

/**
 * Reads and parses a JSON request body from a Node request, enforcing the size limit while
 * reading (a declared Content-Length over the limit is refused before reading anything).
 */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  assertJsonContentType(request.headers['content-type']);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return parseJsonBody(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new GatewayError('invalid_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError('invalid_json', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
}

/** JSON bodies only: `application/json` or any `+json` type, any charset. */
export function assertJsonContentType(contentType: string | undefined): void {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'application/json' || type?.endsWith('+json')) return;
  throw new GatewayError(
    'unsupported_media_type',
    `The request body must be JSON (Content-Type: application/json); got ${type ? JSON.stringify(type) : 'no Content-Type'}.`,
  );
}

export function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError('payload_too_large', `The request body is larger than the limit of ${limitBytes} bytes.`, {
    headers: { connection: 'close' },
  });
}
