import { fetch } from 'undici';
import { GatewayError } from '../errors/gateway-error.js';

export interface FetchSourceOptions {
  /** The whole download, headers and body (default 10 s). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 20 MB; LiteLLM's whole map is about 1.7 MB). */
  readonly maxBytes?: number;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_FETCH_MAX_BYTES = 20 * 1_000_000;

/**
 * Downloads a URL capability source as text through undici. Gives up past the timeout or the
 * size limit (aborting the transfer, not buffering it first); a status other than 2xx, a
 * refused connection, a DNS failure, … is `capability_source_unavailable` naming the URL.
 */
export async function fetchCapabilitySource(url: string, options: FetchSourceOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const unavailable = (reason: string, cause?: unknown) =>
    new GatewayError('capability_source_unavailable', `Cannot fetch capability source ${url}: ${reason}.`, { cause });
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => undefined);
      throw unavailable(`the server answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw unavailable(`it is ${declared} bytes, more than the limit of ${maxBytes}`);
    }
    return await readLimited(response.body, maxBytes, () => {
      controller.abort();
      return unavailable(`it is larger than the limit of ${maxBytes} bytes`);
    });
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (controller.signal.aborted) throw unavailable(`no complete answer within ${timeoutMs / 1000} s`, error);
    throw unavailable(describeFetchError(error), error);
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge: () => GatewayError): Promise<string> {
  if (body === null) return '';
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      const error = tooLarge();
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** undici's `fetch failed` hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, a TLS error). */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}
