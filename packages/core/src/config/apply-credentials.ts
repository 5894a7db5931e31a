import type { ConfigProblems } from './config-problems.js';

type Mapping = Record<string, unknown>;

/**
 * LiteLLM's named credentials: `credential_list` entries (`credential_name` + `credential_values`:
 * api_key, api_base, api_version, …) shared by deployments that name one in
 * `litellm_params.litellm_credential_name`. Returns a copy of the config with each such
 * deployment's params filled from its credential; values the deployment sets itself win, as in
 * LiteLLM. Runs before environment references resolve, so `os.environ/` works in credentials too.
 */
export function applyCredentials(config: Mapping, problems: ConfigProblems): Mapping {
  const credentials = new Map<string, Mapping>();
  const list = config.credential_list;
  if (Array.isArray(list)) {
    list.forEach((entry: unknown, index) => {
      if (!isMapping(entry)) return; // the schema names it
      const name = entry.credential_name;
      if (typeof name !== 'string') return;
      if (credentials.has(name)) problems.add(`credential_list[${index}].credential_name "${name}" is used twice`);
      credentials.set(name, isMapping(entry.credential_values) ? entry.credential_values : {});
    });
  }
  if (!Array.isArray(config.model_list)) return config;
  const modelList = config.model_list.map((entry: unknown, index) => {
    if (!isMapping(entry) || !isMapping(entry.litellm_params)) return entry;
    const name = entry.litellm_params.litellm_credential_name;
    if (name === undefined) return entry;
    const path = `model_list[${index}].litellm_params.litellm_credential_name`;
    if (typeof name !== 'string') return entry;
    const values = credentials.get(name);
    if (values === undefined) {
      const known = [...credentials.keys()];
      problems.add(`${path} names credential "${name}", which credential_list does not define${known.length > 0 ? ` (defined: ${known.join(', ')})` : ''}`);
      return entry;
    }
    return { ...entry, litellm_params: { ...values, ...entry.litellm_params } };
  });
  return { ...config, model_list: modelList };
}

function isMapping(value: unknown): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
