/**
 * Every error Switchyard produces itself, by code. One table, so the codes are documented in
 * one place (docs/errors.md is checked against it by a test).
 *
 * `type` follows OpenAI's error types so clients handle these exactly like upstream errors.
 */
export const ERROR_CODES = {
  invalid_json: { status: 400, type: 'invalid_request_error', summary: 'The request body is not valid JSON.' },
  invalid_body: { status: 400, type: 'invalid_request_error', summary: 'The request body must be a JSON object.' },
  missing_required_parameter: { status: 400, type: 'invalid_request_error', summary: 'A required parameter is missing.' },
  invalid_type: { status: 400, type: 'invalid_request_error', summary: 'A parameter has the wrong JSON type.' },
  invalid_value: { status: 400, type: 'invalid_request_error', summary: 'A parameter value is out of range or malformed.' },
  unsupported_parameter: { status: 400, type: 'invalid_request_error', summary: 'The model does not accept this parameter.' },
  unsupported_value: { status: 400, type: 'invalid_request_error', summary: 'The model does not accept this value of a parameter.' },
  model_not_found: { status: 404, type: 'invalid_request_error', summary: 'No deployment is configured for the requested model.' },
  unsupported_endpoint: { status: 400, type: 'invalid_request_error', summary: 'The model cannot serve this endpoint.' },
  unsupported_mode: { status: 400, type: 'invalid_request_error', summary: "The deployment's model_info.mode (image_generation, rerank, …) is one Switchyard does not serve yet." },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', summary: 'The request body must be application/json.' },
  body_too_complex: { status: 400, type: 'invalid_request_error', summary: 'The JSON body nests deeper, or has more keys or array items, than the configured limits.' },
  payload_too_large: { status: 413, type: 'invalid_request_error', summary: 'The request body is larger than the configured limit.' },
  not_found: { status: 404, type: 'invalid_request_error', summary: 'No route matches this path.' },
  method_not_allowed: { status: 405, type: 'invalid_request_error', summary: 'The route exists but not for this HTTP method.' },
  invalid_api_key: { status: 401, type: 'authentication_error', summary: 'The Authorization header is missing or the key is wrong.' },
  missing_upstream_api_key: { status: 500, type: 'server_error', summary: 'The deployment has no upstream API key configured.' },
  upstream_error: { status: 502, type: 'upstream_error', summary: 'The upstream provider answered with an error (its status is kept).' },
  upstream_unreachable: { status: 502, type: 'upstream_error', summary: 'The upstream provider could not be reached (refused, reset, DNS).' },
  upstream_timeout: { status: 504, type: 'upstream_error', summary: 'The upstream provider did not answer within the timeout.' },
  upstream_overloaded: { status: 503, type: 'upstream_error', summary: 'The upstream provider is overloaded (Anthropic 529); retry later.' },
  upstream_invalid_response: { status: 502, type: 'upstream_error', summary: 'The upstream provider sent a response Switchyard could not read.' },
  upstream_response_too_large: { status: 502, type: 'upstream_error', summary: 'The upstream answer (a JSON body or one stream event) is larger than the response size limit.' },
  model_group_cooling_down: { status: 429, type: 'rate_limit_error', summary: 'Every deployment of the model group is cooling down after failures; retry-after says when one is back.' },
  model_group_at_capacity: { status: 429, type: 'rate_limit_error', summary: 'Every deployment of the model group reached its rpm/tpm limit for this minute (usage-based-routing-v2).' },
  no_deployment_for_tags: { status: 400, type: 'invalid_request_error', summary: 'No deployment of the model group carries the request\'s tags (enable_tag_filtering).' },
  client_closed_request: { status: 499, type: 'invalid_request_error', summary: 'The client went away before the response was complete.' },
  invalid_config: { status: 500, type: 'server_error', summary: 'The gateway configuration is invalid.' },
  content_policy_violation: { status: 400, type: 'invalid_request_error', summary: "The provider's content filter refused the prompt (what content_policy_fallbacks keys on)." },
  upstream_auth_failed: { status: 502, type: 'upstream_error', summary: "The provider's identity service (Entra ID) refused or could not issue the gateway's token." },
  invalid_capabilities: { status: 422, type: 'invalid_request_error', summary: 'A capability source is invalid; the previous capabilities stay in force.' },
  capability_source_unavailable: { status: 502, type: 'server_error', summary: 'A capability source could not be read; the previous capabilities stay in force.' },
  malformed_request: { status: 400, type: 'invalid_request_error', summary: 'The HTTP request itself is malformed (request line, headers, framing).' },
  request_header_fields_too_large: { status: 431, type: 'invalid_request_error', summary: 'The request headers are larger than the server accepts.' },
  expectation_failed: { status: 417, type: 'invalid_request_error', summary: 'The request has an Expect header other than 100-continue.' },
  request_timeout: { status: 408, type: 'invalid_request_error', summary: 'The client did not send the whole request in time.' },
  not_ready: { status: 503, type: 'server_error', summary: 'GET /health/readiness: a check is down (capabilities loading, a store unreachable, shutting down).' },
  internal_error: { status: 500, type: 'server_error', summary: 'An unexpected error inside the gateway.' },
  context_length_exceeded: { status: 400, type: 'invalid_request_error', summary: "The input certainly exceeds the model's max_input_tokens (checked before upstream)." },
} as const satisfies Record<string, { status: number; type: string; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
