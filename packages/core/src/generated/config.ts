/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/config.schema.json by scripts/gen-types.mjs (pnpm gen).
 * A test fails when this file is stale.
 */

/**
 * A literal value, or os.environ/NAME to read it from the environment at start-up.
 *
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "SecretString".
 */
export type SecretString = string;
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "CapabilitySource".
 */
export type CapabilitySource =
  | string
  | ({
      [k: string]: unknown;
    } & {
      path?: string;
      url?: string;
      format?: 'switchyard' | 'litellm';
      watch?: boolean;
    });

/**
 * Switchyard configuration. The shape of LiteLLM's proxy config.yaml, so an existing file loads unchanged. os.environ/NAME references are resolved before this schema applies, and values are coerced as LiteLLM coerces them ("30" where a number is expected). Keys LiteLLM knows that Switchyard does not implement are accepted and reported once as a warning; a key close to a known one is a typo and an error (docs/configuration.md).
 */
export interface GatewayConfig {
  /**
   * Deployments. Several entries may share a model_name; the first one serves until routing lands.
   */
  model_list?: ModelDeployment[];
  general_settings?: GeneralSettings;
  litellm_settings?: LitellmSettings;
  /**
   * LiteLLM's router settings. Accepted; Switchyard does not route between deployments yet.
   */
  router_settings?: {
    [k: string]: unknown;
  };
  /**
   * Variables set before os.environ/ references are resolved (as in LiteLLM). Existing variables win. Numbers and booleans are taken as their text, as LiteLLM does.
   */
  environment_variables?: {
    [k: string]: string;
  };
  /**
   * LiteLLM's per-callback settings. Accepted; Switchyard calls no logging integrations (one warning).
   */
  callback_settings?: {
    [k: string]: unknown;
  };
  /**
   * LiteLLM guardrails. Accepted; not applied (one warning).
   */
  guardrails?: unknown[];
  /**
   * LiteLLM MCP servers. Accepted; not served (one warning).
   */
  mcp_servers?: {
    [k: string]: unknown;
  };
  /**
   * Named credentials (LiteLLM's credential_list): a deployment names one in litellm_params.litellm_credential_name and takes its values (api_key, api_base, api_version, …) for the keys it does not set itself.
   */
  credential_list?: Credential[];
  capabilities?: CapabilitySettings;
  [k: string]: unknown;
}
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "ModelDeployment".
 */
export interface ModelDeployment {
  /**
   * The name clients send as `model`.
   */
  model_name: string;
  litellm_params: LitellmParams;
  /**
   * Per-deployment overrides: an `id`, LiteLLM price keys (input_cost_per_token, …) or capability fields (mode, limits, pricing, features, params), validated by the capability schema.
   */
  model_info?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "LitellmParams".
 */
export interface LitellmParams {
  /**
   * provider/upstream-model, e.g. openai/gpt-5.5. Without a provider prefix, openai is assumed.
   */
  model: string;
  api_key?: SecretString;
  /**
   * Base URL of the upstream API, e.g. http://localhost:8000/v1.
   */
  api_base?: string;
  /**
   * Upstream timeout in seconds.
   */
  timeout?: number;
  /**
   * Timeout in seconds for the first byte of a streaming response.
   */
  stream_timeout?: number;
  /**
   * Drop parameters the model does not support instead of refusing the request.
   */
  drop_params?: boolean;
  /**
   * Answer locally with this text instead of calling the upstream (LiteLLM's mock_response). Needs no key and no network.
   */
  mock_response?: string;
  organization?: string;
  /**
   * The credential_list entry whose values this deployment uses.
   */
  litellm_credential_name?: string;
  /**
   * Requests per minute (LiteLLM's router limit). Accepted; not enforced yet.
   */
  rpm?: number;
  /**
   * Tokens per minute (LiteLLM's router limit). Accepted; not enforced yet.
   */
  tpm?: number;
  /**
   * Accepted; Switchyard does not retry yet.
   */
  max_retries?: number;
  /**
   * Azure API version. Accepted; not sent (no native Azure provider yet).
   */
  api_version?: string;
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  [k: string]: unknown;
}
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "GeneralSettings".
 */
export interface GeneralSettings {
  /**
   * A literal value, or os.environ/NAME to read it from the environment at start-up.
   */
  master_key?: string;
  /**
   * A literal value, or os.environ/NAME to read it from the environment at start-up.
   */
  database_url?: string;
  /**
   * When the key/spend database or the shared counters cannot be reached: true answers virtual-key requests with 503 store_unavailable; false (default) keeps serving on cached keys and local counters while spend waits in the outbox.
   */
  fail_closed_budget_enforcement?: boolean;
  /**
   * Seconds a virtual key (with its team and user) is served from the in-process cache before it is read again (default 10). Changes made on this instance apply at once; on other instances within this bound (at once with a shared invalidation bus).
   */
  user_api_key_cache_ttl?: number;
  /**
   * Folder of the durable spend outbox (default: next to a SQLite database, else switchyard-spend-outbox in the config file's folder).
   */
  spend_outbox_path?: string;
  /**
   * Most disk the spend outbox may hold while the database is unreachable (default 1024). Over it, new spend rows are dropped, and the drops logged.
   */
  spend_outbox_max_mb?: number;
  /**
   * Do not reset budgets when their budget_duration ends (LiteLLM's name).
   */
  disable_reset_budget?: boolean;
  /**
   * Most model requests in flight on the whole proxy at once, whoever sends them (master key included); over it: 429. Counted across instances when router_settings names a Redis.
   */
  global_max_parallel_requests?: number;
  /**
   * Largest accepted request body, in MB (default 50).
   */
  max_request_size_mb?: number;
  /**
   * Largest upstream answer read, in MB: a JSON body, or one stream event (default 64). Over it: 502.
   */
  max_response_size_mb?: number;
  /**
   * Deepest nesting of objects and arrays in a request body (default 128).
   */
  max_request_json_depth?: number;
  /**
   * Most keys in any one object of a request body (default 1000).
   */
  max_request_json_object_keys?: number;
  /**
   * Most object keys in a request body in total (default 200000).
   */
  max_request_json_keys?: number;
  /**
   * Most items in any one array of a request body (default 100000).
   */
  max_request_json_array_length?: number;
  /**
   * Do not serve the admin UI at ui/ under the mount (default false).
   */
  disable_admin_ui?: boolean;
  [k: string]: unknown;
}
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "LitellmSettings".
 */
export interface LitellmSettings {
  /**
   * Drop unsupported parameters for every deployment.
   */
  drop_params?: boolean;
  /**
   * Default upstream timeout in seconds (default 600).
   */
  request_timeout?: number;
  /**
   * USD the whole proxy may spend, every key and the master key together (needs general_settings.master_key); over it: 429 budget_exceeded. Reserved before each request as a key's budget is, so it cannot overshoot.
   */
  max_budget?: number;
  /**
   * How often max_budget starts again: 30s, 30m, 24h, 7d, 30d, 1mo (UTC calendar windows; without it the budget never resets).
   */
  budget_duration?: string;
  [k: string]: unknown;
}
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "Credential".
 */
export interface Credential {
  credential_name: string;
  /**
   * litellm_params values (api_key, api_base, api_version, …); os.environ/ references allowed.
   */
  credential_values: {
    [k: string]: unknown;
  };
  credential_info?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * This interface was referenced by `GatewayConfig`'s JSON-Schema
 * via the `definition` "CapabilitySettings".
 */
export interface CapabilitySettings {
  /**
   * Capability sources in order; later sources override earlier ones per model. Default: [builtin].
   */
  sources?: CapabilitySource[];
  /**
   * Re-read every source this often; 0 = only on demand.
   */
  reload_interval_seconds?: number;
  /**
   * Timeout for downloading a URL source, headers and body (default 10).
   */
  fetch_timeout_seconds?: number;
  /**
   * Largest URL source accepted, in MB (default 20).
   */
  max_source_mb?: number;
}
