import { IMPLEMENTED_ROUTER_KEYS } from '../router/router-settings.js';

/**
 * The keys of LiteLLM's proxy config.yaml, per level, from LiteLLM's proxy config docs
 * (docs.litellm.ai/docs/proxy/config_settings). `implemented` are the ones Switchyard acts on;
 * `lost` says, for a known key it does not implement, what the user loses (the default: it has
 * no effect). A key that is not known but close to a known one is a typo and an error.
 */
export interface KeyLevel {
  readonly implemented: ReadonlySet<string>;
  /** Known to LiteLLM, accepted, not implemented: what is lost (or '' for "has no effect"). */
  readonly lost: Readonly<Record<string, string>>;
  /** Keys implemented by pattern (LiteLLM price keys). */
  readonly implementedPattern?: RegExp;
  /** Unknown keys far from every known one: warn (a section) or stay silent (free-form metadata). */
  readonly warnUnknown: boolean;
}

const NO_EFFECT = '';
const names = (list: string) => list.trim().split(/\s+/);
const noEffect = (list: string) => Object.fromEntries(names(list).map((key) => [key, NO_EFFECT]));
const ROUTER = 'not read here: Switchyard reads routing (retries, fallbacks, cooldowns) from router_settings; move the key there';
const REDIS = 'not read: router state is shared through router_settings.redis_url / redis_host, redis_port, redis_password';
const MODELS_IN_DB = 'models come from the config file only; the database holds keys, teams, users and spend';
const CALLBACKS = 'logging and alerting integrations are not called; use the onCost listener, the access log, /metrics or OpenTelemetry';
const LIMITS = 'rate limits and budgets are not enforced';
const PRICE_KEY = /(_cost_per_|_token_cost)/;

export const TOP_LEVEL: KeyLevel = {
  implemented: new Set(['model_list', 'general_settings', 'litellm_settings', 'router_settings', 'environment_variables', 'credential_list', 'capabilities']),
  lost: {
    callback_settings: CALLBACKS,
    guardrails: 'guardrails are not applied: requests and responses pass unchecked',
    mcp_servers: 'MCP servers are not served (no /mcp routes)',
    mcp_aliases: 'MCP servers are not served (no /mcp routes)',
    include: 'included files are not read: the models and settings they hold are missing',
    files_settings: 'the /v1/files endpoints are not served',
    finetune_settings: 'the /v1/fine_tuning endpoints are not served',
    assistant_settings: 'the /v1/assistants endpoints are not served',
    vector_store_registry: 'vector stores are not served',
    search_tools: 'the search endpoints are not served',
    prompts: 'prompt management is not applied',
  },
  warnUnknown: true,
};

export const GENERAL_SETTINGS: KeyLevel = {
  implemented: new Set([
    'master_key',
    'max_request_size_mb',
    'max_response_size_mb',
    'max_request_json_depth',
    'max_request_json_object_keys',
    'max_request_json_keys',
    'max_request_json_array_length',
    'database_url',
    'fail_closed_budget_enforcement',
    'user_api_key_cache_ttl',
    'spend_outbox_path',
    'spend_outbox_max_mb',
    'disable_reset_budget',
    'disable_admin_ui',
    'global_max_parallel_requests',
  ]),
  lost: {
    store_model_in_db: MODELS_IN_DB,
    alerting: CALLBACKS,
    max_parallel_requests: LIMITS,
    allowed_routes: 'route restrictions are not applied: every route answers to the master key',
    admin_only_routes: 'route restrictions are not applied: every route answers to the master key',
    allowed_ips: 'IP allow-listing is not applied',
    enable_jwt_auth: 'JWT auth is not available: only the master key authenticates',
    litellm_jwtauth: 'JWT auth is not available: only the master key authenticates',
    custom_auth: 'custom auth is not called: only the master key authenticates',
    pass_through_endpoints: 'pass-through endpoints are not served',
    background_health_checks: 'background health checks are not run',
    disable_spend_logs: 'spend log rows are still written: they are the ledger budgets, rollups and /spend/logs are built from (prompts and answers are never stored in them)',
    ...noEffect(`database_connection_pool_limit database_connection_timeout allow_requests_on_db_unavailable
      store_prompts_in_spend_logs disable_master_key_return
      disable_adding_master_key_hash_to_db disable_retry_on_max_parallel_request_limit_error enforce_user_param
      alerting_threshold alert_types alert_to_webhook_url alerting_args health_check_interval health_check_details
      infer_model_from_keys proxy_batch_write_at proxy_budget_rescheduler_min_time proxy_budget_rescheduler_max_time
      custom_key_generate custom_sso key_management_system key_management_settings use_google_kms use_azure_key_vault
      public_routes user_header_name max_response_size_mb forward_client_headers_to_llm_api use_x_forwarded_for
      service_account_settings use_redis_transaction_buffer spend_report_frequency ui_access_mode
      maximum_spend_logs_retention_period maximum_spend_logs_retention_interval default_team_disabled
      enable_oauth2_auth enable_oauth2_proxy_auth master_key_header allow_user_auth otel
      disable_prisma_schema_update supported_db_objects proxy_admin_email litellm_key_header_name
      embedding_model embeddings_model health_check_ignore_transient_errors disable_responses_id_security`),
  },
  warnUnknown: true,
};

export const LITELLM_SETTINGS: KeyLevel = {
  implemented: new Set(['drop_params', 'request_timeout', 'callbacks', 'success_callback', 'failure_callback', 'cache', 'cache_params', 'require_auth_for_metrics_endpoint', 'max_budget', 'budget_duration']),
  lost: {
    service_callback: CALLBACKS,
    num_retries: ROUTER,
    fallbacks: ROUTER,
    context_window_fallbacks: ROUTER,
    content_policy_fallbacks: ROUTER,
    default_fallbacks: ROUTER,
    guardrails: 'guardrails are not applied: requests and responses pass unchecked',
    ...noEffect(`set_verbose json_logs turn_off_message_logging redact_user_api_key_info langfuse_default_tags
      modify_params force_ipv4 default_team_settings default_internal_user_params
      max_internal_user_budget internal_user_budget_duration upperbound_key_generate_params
      default_key_generate_params key_generation_settings disable_end_user_cost_tracking disable_token_counter
      enable_preview_features allowed_fails telemetry return_response_headers ssl_verify ssl_certificate
      disable_add_transform_inline_image_block model_group_settings enable_json_schema_validation
      global_disable_no_log_param s3_callback_params use_litellm_proxy public_model_groups extra_spend_tag_headers
      check_provider_endpoint disable_hf_tokenizer_download max_end_user_budget default_max_internal_user_budget
      enable_azure_ad_token_refresh post_call_rules callback_settings upperbound_key_generate_params
      redact_messages_in_exceptions drop_params_for_mcp enable_loadbalancing_on_batch_endpoints
      prometheus_initialize_budget_metrics disable_copilot_system_to_assistant cost_calculation_mode`),
  },
  warnUnknown: true,
};

/**
 * LiteLLM's router_settings reference table: what the router implements (router-settings.ts
 * reads exactly these) and, by name, what each other key loses.
 */
export const ROUTER_SETTINGS: KeyLevel = {
  implemented: new Set(IMPLEMENTED_ROUTER_KEYS),
  lost: {
    cache_kwargs: REDIS,
    model_group_retry_policy: 'per-group retry policies are not applied; retry_policy applies to every group',
    provider_budget_config: LIMITS,
    default_max_parallel_requests: LIMITS,
    cache_responses: 'responses are not cached',
    caching_groups: 'responses are not cached',
    optional_pre_call_checks: 'only enable_pre_call_checks (context window) is applied',
    default_litellm_params: 'not merged into deployments: set the params on each deployment',
    default_priority: 'requests are not prioritised',
    alerting_config: CALLBACKS,
    ...noEffect(`enable_loadbalancing_on_batch_endpoints set_verbose debug_level polling_interval client_ttl
      router_general_settings assistants_config search_tools`),
  },
  warnUnknown: true,
};

export const DEPLOYMENT: KeyLevel = {
  implemented: new Set(['model_name', 'litellm_params', 'model_info']),
  lost: {},
  warnUnknown: true,
};

export const LITELLM_PARAMS: KeyLevel = {
  implemented: new Set(['model', 'api_key', 'api_base', 'timeout', 'stream_timeout', 'drop_params', 'mock_response', 'organization', 'litellm_credential_name',
    // Routing (packages/core/src/router).
    'rpm', 'tpm', 'weight', 'order', 'tags', 'num_retries',
    // Azure (@switchyard/provider-azure): api_version picks the URL form; the rest are its auth.
    'api_version', 'azure_ad_token', 'tenant_id', 'client_id', 'client_secret', 'azure_authority_host', 'azure_scope', 'base_model',
    // Vertex AI (@switchyard/provider-gemini).
    'vertex_project', 'vertex_location', 'vertex_credentials',
    // AWS Bedrock (@switchyard/provider-bedrock): region, SigV4 credentials and their sources (profile, STS roles, web identity), endpoint, guardrail.
    'aws_region_name', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_bedrock_runtime_endpoint', 'guardrailConfig',
    'aws_profile_name', 'aws_role_name', 'aws_session_name', 'aws_external_id', 'aws_web_identity_token', 'aws_sts_endpoint']),
  implementedPattern: PRICE_KEY,
  lost: {
    max_parallel_requests: LIMITS,
    max_budget: LIMITS,
    max_retries: 'per-deployment retries are not applied; router_settings.num_retries applies',
    ...noEffect(`region_name
      custom_llm_provider use_in_pass_through
      merge_reasoning_content_in_choices configurable_clientside_auth_params azure_username azure_password headers extra_headers extra_body seed temperature
      max_tokens max_completion_tokens top_p top_k stop stream cache_control_injection_points additional_drop_params
      reasoning_effort thinking watsonx_region_name project_id space_id token auto_router_config
      mock_testing_fallbacks hf_model_name budget_duration guardrails api_type model_id litellm_trace_id
      input_cost_per_second output_cost_per_second access_groups use_litellm_proxy vllm_params`),
  },
  // LiteLLM passes any other key on to the provider call as a model parameter.
  warnUnknown: true,
};

/** `model_info` is free-form metadata in LiteLLM: only typos of known keys are reported. */
export function modelInfoLevel(capabilityFields: ReadonlySet<string>): KeyLevel {
  return {
    implemented: new Set(['id', 'mode', 'max_input_tokens', 'max_output_tokens', 'base_model', ...capabilityFields]),
    implementedPattern: PRICE_KEY,
    lost: noEffect(`max_tokens description access_groups team_id db_model health_check_model
      health_check_timeout tier litellm_provider supported_openai_params key supports_vision supports_function_calling
      supports_parallel_function_calling supports_response_schema supports_reasoning supports_prompt_caching
      supports_audio_input supports_audio_output supports_pdf_input supports_web_search supports_tool_choice
      supports_system_messages supports_native_streaming output_vector_size updated_at updated_by created_at created_by`),
    warnUnknown: false,
  };
}

export const CREDENTIAL: KeyLevel = {
  implemented: new Set(['credential_name', 'credential_values', 'credential_info']),
  lost: {},
  warnUnknown: true,
};
