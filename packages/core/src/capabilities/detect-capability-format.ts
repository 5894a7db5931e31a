export type CapabilityFormat = 'switchyard' | 'litellm';

/** Keys only a LiteLLM cost-map entry has; one of them on any entry is enough to tell. */
const LITELLM_KEYS = ['litellm_provider', 'input_cost_per_token', 'output_cost_per_token', 'max_tokens', 'max_input_tokens'];

/**
 * Tells a Switchyard capability file (a top-level `models` object) from a LiteLLM cost map
 * (model names at the top level, entries with `litellm_provider`, `input_cost_per_token`, …).
 * `undefined` when it is neither, so the caller can say what it expected.
 */
export function detectCapabilityFormat(value: unknown): CapabilityFormat | undefined {
  if (!isObject(value)) return undefined;
  // A top-level `models` object decides even beside a misspelt key, so that the schema then
  // names the typo instead of the format being unknown.
  if (isObject(value.models)) return looksLitellm(value.models) ? 'litellm' : 'switchyard';
  return Object.values(value).some(looksLitellm) ? 'litellm' : undefined;
}

function looksLitellm(entry: unknown): boolean {
  return isObject(entry) && LITELLM_KEYS.some((name) => name in entry);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
