/**
 * The builtin family a LiteLLM map entry belongs to, from its provider, flags and name, so a
 * model published only in the map (a `gpt-5.6` on its day 0) gets its family's rules — the
 * temperature rule, the effort default, `token_param` — by data. Only OpenAI models (served
 * by OpenAI or Azure) are assigned; anything else, or a name that fits no family, gets none
 * and is served with what the map states. A curated source's family for the same model wins
 * over this guess (see collectCapabilityEntries).
 */
export function assignLitellmFamily(model: string, entry: Readonly<Record<string, unknown>>): string | undefined {
  const provider = entry.litellm_provider;
  if (provider !== 'openai' && provider !== 'azure') return undefined;
  const name = model.slice(model.lastIndexOf('/') + 1);
  if (entry.mode === 'embedding') return name.startsWith('text-embedding-3') ? 'openai/embedding' : undefined;
  if (entry.supports_reasoning === true) {
    if (/^o\d/.test(name)) return 'openai/o-series';
    if (!name.startsWith('gpt-5')) return undefined;
    // Responses-only GPT-5 models (the pro and codex ones) fix sampling and default to high effort.
    if (entry.mode === 'responses') return 'openai/gpt-5-pro';
    return entry.supports_none_reasoning_effort === true ? 'openai/gpt-5-reasoning' : 'openai/gpt-5-fixed-sampling';
  }
  return /^gpt-4(o|\.1)/.test(name) ? 'openai/gpt-4' : undefined;
}
