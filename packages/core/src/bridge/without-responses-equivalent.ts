/**
 * Chat parameters the Responses API has no equivalent for, with the value that means "not
 * used" (clients often send those defaults). Any other value is refused, not silently lost:
 * validation refuses it first (or drops it under drop_params) for a model known to be bridged;
 * the bridge refuses what gets past, for a model bridged by its provider's endpoints.
 */
export const WITHOUT_EQUIVALENT: Readonly<Record<string, (value: unknown) => boolean>> = {
  n: (value) => value === 1,
  logprobs: (value) => value === false,
  frequency_penalty: (value) => value === 0,
  presence_penalty: (value) => value === 0,
  modalities: (value) => Array.isArray(value) && value.length === 1 && value[0] === 'text',
  stop: () => false,
  logit_bias: () => false,
  top_logprobs: () => false,
  seed: () => false,
  audio: () => false,
  prediction: () => false,
  functions: () => false,
  function_call: () => false,
};

/** The smallest `max_output_tokens` the Responses API accepts. */
export const RESPONSES_MIN_OUTPUT_TOKENS = 16;
