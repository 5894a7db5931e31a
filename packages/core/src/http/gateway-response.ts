/** One server-sent event. `data` is a JSON value, or the literal `[DONE]` sentinel. */
export interface SseEvent {
  readonly event?: string;
  readonly data: unknown;
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
   * The API the client streams (`chat`: chunks ending in `[DONE]`; `responses`: typed events).
   * Decides the shape of the final error event when the stream fails. Default `chat`.
   */
  format?: StreamFormat;
}

export type StreamFormat = 'chat' | 'responses';

/** A plain-text answer (the Prometheus exposition on /metrics); `contentType` is sent as is. */
export interface TextResponse {
  readonly kind: 'text';
  status: number;
  headers: Record<string, string>;
  readonly contentType: string;
  body: string;
}

/** What core hands back to an adapter. */
export type GatewayResponse = JsonResponse | StreamResponse | TextResponse;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): JsonResponse {
  return { kind: 'json', status, headers, body };
}
