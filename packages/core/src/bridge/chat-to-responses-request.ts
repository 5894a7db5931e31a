import type { ChatFunctionTool, ChatMessage } from './chat-api.js';
import { unsupportedParameter } from './bridge-errors.js';
import { chatMessagesToResponsesInput } from './chat-messages-to-responses-input.js';
import { chatToolChoiceToResponses, chatToolsToResponses } from './chat-tools-to-responses.js';
import { copyPresent, isJsonObject, type JsonObject } from './json-object.js';
import { SHARED_PARAMETERS } from './shared-parameters.js';
import { RESPONSES_MIN_OUTPUT_TOKENS, WITHOUT_EQUIVALENT } from './without-responses-equivalent.js';
import { GatewayError } from '../errors/gateway-error.js';


/** Handled below; everything else unknown passes through unchanged. */
const MAPPED = new Set([
  ...SHARED_PARAMETERS,
  ...Object.keys(WITHOUT_EQUIVALENT),
  'messages',
  'tools',
  'tool_choice',
  'response_format',
  'verbosity',
  'max_tokens',
  'max_completion_tokens',
  'reasoning_effort',
  'stream_options',
  'web_search_options',
]);

/** A Chat Completions request body → the equivalent Responses request body. */
export function chatToResponsesRequest(body: JsonObject): JsonObject {
  for (const [param, isNeutral] of Object.entries(WITHOUT_EQUIVALENT)) {
    const value = body[param];
    if (value !== undefined && value !== null && !isNeutral(value)) throw unsupportedParameter('chat-to-responses', param);
  }
  const { instructions, input } = chatMessagesToResponsesInput((body.messages ?? []) as readonly ChatMessage[]);
  const request: JsonObject = { model: body.model };
  if (instructions !== undefined) request.instructions = instructions;
  request.input = input;
  copyPresent(request, body, SHARED_PARAMETERS);
  // Chat stores nothing unless asked; Responses stores by default. Keep Chat's meaning.
  if (body.store == null) request.store = false;
  const tools = Array.isArray(body.tools) ? chatToolsToResponses(body.tools as readonly ChatFunctionTool[]) : [];
  // Validation lets web_search_options through only for models whose data says they search the web.
  if (isJsonObject(body.web_search_options)) tools.push(webSearchTool(body.web_search_options));
  if (Array.isArray(body.tools) || tools.length > 0) request.tools = tools;
  if (body.tool_choice != null) request.tool_choice = chatToolChoiceToResponses(body.tool_choice);
  const text = textOptions(body);
  if (text !== undefined) request.text = text;
  const maxTokensParam = body.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
  const maxTokens = body[maxTokensParam];
  if (typeof maxTokens === 'number' && maxTokens < RESPONSES_MIN_OUTPUT_TOKENS) {
    throw new GatewayError(
      'invalid_value',
      `Invalid '${maxTokensParam}': ${maxTokens} is too small. This model is served through the Responses API, which needs an output limit of at least ${RESPONSES_MIN_OUTPUT_TOKENS} tokens.`,
      { param: maxTokensParam },
    );
  }
  if (maxTokens != null) request.max_output_tokens = maxTokens;
  if (body.reasoning_effort != null) request.reasoning = { effort: body.reasoning_effort };
  // stream_options is dropped: Responses always reports usage in response.completed.
  for (const [key, value] of Object.entries(body)) {
    if (!MAPPED.has(key)) request[key] = value;
  }
  return request;
}

/** Chat `web_search_options` → the Responses `web_search` tool; the location loses its `approximate` wrapper. */
function webSearchTool(options: JsonObject): JsonObject {
  const tool: JsonObject = { type: 'web_search' };
  if (options.search_context_size != null) tool.search_context_size = options.search_context_size;
  const location = options.user_location;
  if (isJsonObject(location)) {
    tool.user_location = { type: 'approximate', ...(isJsonObject(location.approximate) ? location.approximate : {}) };
  }
  return tool;
}

/** `response_format` and `verbosity` → Responses `text: {format, verbosity}`. */
function textOptions(body: JsonObject): JsonObject | undefined {
  const text: JsonObject = {};
  const format = body.response_format;
  if (isJsonObject(format)) {
    if (format.type === 'json_schema' && isJsonObject(format.json_schema)) {
      text.format = { type: 'json_schema', ...format.json_schema };
    } else {
      text.format = { type: format.type };
    }
  }
  if (body.verbosity != null) text.verbosity = body.verbosity;
  return Object.keys(text).length > 0 ? text : undefined;
}
