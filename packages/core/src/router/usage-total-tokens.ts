/**
 * The tokens a `usage` object reports, for the per-minute token count (usage-based routing):
 * OpenAI's `total_tokens`, else Anthropic's parts (`input_tokens` without the cache, the cache
 * reads and writes, `output_tokens`), so `/v1/messages` answers count too. Undefined when
 * neither is there.
 */
export function usageTotalTokens(usage: unknown): number | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const record = usage as Record<string, unknown>;
  if (typeof record.total_tokens === 'number') return record.total_tokens;
  if (typeof record.output_tokens !== 'number') return undefined;
  let total = record.output_tokens;
  for (const name of ['input_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens']) {
    const value = record[name];
    if (typeof value === 'number') total += value;
  }
  return total;
}
