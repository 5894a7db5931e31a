/**
 * Writes events as SSE text pieces for an `UpstreamScript.chunks`: `{event, data}` objects
 * become `event: …\ndata: …\n\n`, a bare value `data: …\n\n` (strings as they are, so `[DONE]`).
 */
export function sseFrames(events: readonly (unknown | { readonly event: string; readonly data: unknown })[]): string[] {
  return events.map((entry) => {
    if (typeof entry === 'object' && entry !== null && 'event' in entry && 'data' in entry) {
      const { event, data } = entry as { event: string; data: unknown };
      return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    }
    return `data: ${typeof entry === 'string' ? entry : JSON.stringify(entry)}\n\n`;
  });
}
