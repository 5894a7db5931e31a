/** Request parameters Chat Completions and Responses accept under the same name and shape. */
export const SHARED_PARAMETERS = [
  'model',
  'stream',
  'temperature',
  'top_p',
  'user',
  'metadata',
  'store',
  'service_tier',
  'parallel_tool_calls',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'safety_identifier',
  'moderation',
] as const;
