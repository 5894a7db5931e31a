/**
 * The keys Switchyard implements in each section of a LiteLLM config. Anything else is
 * accepted (so an existing config.yaml loads) and reported once as a warning.
 */
const IMPLEMENTED: Record<string, ReadonlySet<string>> = {
  '': new Set(['model_list', 'general_settings', 'litellm_settings', 'router_settings', 'environment_variables', 'capabilities']),
  general_settings: new Set([
    'master_key', 'max_request_size_mb',
    'max_request_json_depth', 'max_request_json_object_keys', 'max_request_json_keys', 'max_request_json_array_length',
  ]),
  litellm_settings: new Set(['drop_params', 'request_timeout']),
  litellm_params: new Set([
    'model', 'api_key', 'api_base', 'timeout', 'stream_timeout', 'drop_params', 'mock_response', 'organization',
    'input_cost_per_token', 'output_cost_per_token', 'cache_read_input_token_cost', 'cache_creation_input_token_cost',
    'output_cost_per_reasoning_token', 'input_cost_per_token_above_272k_tokens', 'output_cost_per_token_above_272k_tokens',
    'input_cost_per_token_flex', 'output_cost_per_token_flex', 'input_cost_per_token_priority', 'output_cost_per_token_priority',
  ]),
  deployment: new Set(['model_name', 'litellm_params', 'model_info']),
};

/** Lists unimplemented keys as `section.key`, each once, in the order they appear. */
export function findUnimplementedKeys(config: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const check = (section: string, label: string, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const known = IMPLEMENTED[section]!;
    for (const key of Object.keys(value)) if (!known.has(key)) found.add(label === '' ? key : `${label}.${key}`);
  };
  check('', '', config);
  check('general_settings', 'general_settings', config.general_settings);
  check('litellm_settings', 'litellm_settings', config.litellm_settings);
  if (Array.isArray(config.model_list)) {
    for (const entry of config.model_list as Record<string, unknown>[]) {
      check('deployment', 'model_list[]', entry);
      check('litellm_params', 'model_list[].litellm_params', entry?.litellm_params);
    }
  }
  if (config.router_settings && typeof config.router_settings === 'object' && Object.keys(config.router_settings).length > 0) {
    found.add('router_settings (Switchyard serves the first deployment of each model_name)');
  }
  return [...found];
}
