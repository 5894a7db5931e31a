/** One server-sent event. `data` is a JSON value, or the literal `[DONE]` sentinel. */
export interface SseEvent {
  readonly event?: string;
  readonly data: unknown;
  /**
   * The data line exactly as the upstream sent it, when a pass-through keeps it (the native
   * `/v1/messages` path): written instead of re-serializing `data`, so the client gets the
   * upstream's bytes. A stage that changes `data` must drop it.
   */
  readonly raw?: string;
}

export const SSE_DONE = '[DONE]';

export interface JsonResponse {
  readonly kind: 'json';
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface StreamResponse {
  readonly kind: 'stream';
  status: number;
  headers: Record<string, string>;
  /** Written as `event: …\ndata: …\n\n` frames, each flushed as it arrives. */
  events: AsyncIterable<SseEvent>;
  /**
   * The API the client streams (`chat`: chunks ending in `[DONE]`; `responses`: typed events;
   * `messages`: Anthropic's named events).
   * Decides the shape of the final error event when the stream fails. Default `chat`.
   */
  format?: StreamFormat;
}

export type StreamFormat = 'chat' | 'responses' | 'messages';

/** Bytes with their own content type: the admin UI's static files, a redirect. */
export interface BytesResponse {
  readonly kind: 'bytes';
  status: number;
  /** Holds `content-type` (the adapter adds none). */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A plain-text answer (the Prometheus exposition on /metrics); `contentType` is sent as is. */
export interface TextResponse {
  readonly kind: 'text';
  status: number;
  headers: Record<string, string>;
  readonly contentType: string;
  body: string;
}

/** What core hands back to an adapter. */
export type GatewayResponse = JsonResponse | StreamResponse | BytesResponse | TextResponse;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): JsonResponse {
  return { kind: 'json', status, headers, body };
}

export function bytesResponse(status: number, body: Uint8Array, headers: Record<string, string> = {}): BytesResponse {
  return { kind: 'bytes', status, headers, body };
}
