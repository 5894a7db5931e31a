/**
 * The opaque cursor of spend log pages: the (startedAt, requestId) of the last row returned,
 * base64url. The next page starts strictly after it in (start_time DESC, request_id DESC)
 * order, so rows written meanwhile never shift a page.
 */
export interface SpendCursor {
  readonly startedAt: number;
  readonly requestId: string;
}

export function encodeSpendCursor(cursor: SpendCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.requestId])).toString('base64url');
}

/** Undefined for anything that is not a cursor this store made. */
export function decodeSpendCursor(text: string): SpendCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [startedAt, requestId] = value as unknown[];
    if (typeof startedAt !== 'number' || !Number.isSafeInteger(startedAt) || typeof requestId !== 'string') return undefined;
    return { startedAt, requestId };
  } catch {
    return undefined;
  }
}
