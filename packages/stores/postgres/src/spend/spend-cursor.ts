/**
 * The opaque cursor of `/spend/logs` pages: the (start_time, request_id) of the last row
 * returned, base64url. The next page starts strictly after it in (start_time DESC,
 * request_id DESC) order, so rows written meanwhile never shift a page.
 */
export interface SpendCursor {
  readonly startTime: string;
  readonly requestId: string;
}

export function encodeSpendCursor(cursor: SpendCursor): string {
  return Buffer.from(JSON.stringify([cursor.startTime, cursor.requestId])).toString('base64url');
}

/** Undefined for anything that is not a cursor this store made. */
export function decodeSpendCursor(text: string): SpendCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [startTime, requestId] = value as unknown[];
    if (typeof startTime !== 'string' || typeof requestId !== 'string' || Number.isNaN(Date.parse(startTime))) return undefined;
    return { startTime, requestId };
  } catch {
    return undefined;
  }
}
