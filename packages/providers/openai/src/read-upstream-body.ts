import type { Dispatcher } from 'undici';
import { responseTooLarge, type UpstreamTarget } from './upstream-target.js';

/**
 * The JSON body as text, never more than the size cap. A declared length over the cap is
 * refused before reading; without one (chunked), reading stops when the cap is passed.
 * Leaving the loop destroys the body, which aborts the upstream request.
 */
export async function readUpstreamBody(response: Dispatcher.ResponseData, target: UpstreamTarget): Promise<string> {
  const limit = target.maxResponseBytes;
  const declared = firstHeader(response.headers['content-length']);
  if (declared !== undefined) {
    // undici itself fails a body longer than its content-length, so text() stays bounded.
    if (Number(declared) <= limit) return response.body.text();
    discardBody(response.body);
    throw responseTooLarge(target.label, 'a body', limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw responseTooLarge(target.label, 'a body', limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/**
 * Closes an answer that will not be read, aborting the upstream request. undici reports a body
 * destroyed before its end as an 'error' event; nobody reads this body, so it is swallowed
 * here rather than left to become an uncaught exception.
 */
export function discardBody(body: Dispatcher.ResponseData['body']): void {
  body.on('error', ignore);
  body.destroy();
}

function ignore(): void {}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
