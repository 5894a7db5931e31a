import type { ResponsesItem, ResponsesTool } from './responses-api.js';
import { unsupportedParameter } from './bridge-errors.js';
import { copyPresent, isJsonObject, type JsonObject } from './json-object.js';
import { responsesInputToChatMessages } from './responses-input-to-chat-messages.js';
import { responsesToolChoiceToChat, responsesToolsToChat } from './responses-tools-to-chat.js';
import { SHARED_PARAMETERS } from './shared-parameters.js';

export interface ResponsesToChatRequestOptions {
  /** How the model takes its output limit (capability `token_param`); `max_completion_tokens` by default. */
  readonly tokenParam?: 'max_tokens' | 'max_completion_tokens';
}

/**
 * Responses parameters Chat Completions has no equivalent for, with the value that means
 * "not used". Any other value is refused, not silently lost.
 */
const WITHOUT_EQUIVALENT: Readonly<Record<string, (value: unknown) => boolean>> = {
  background: (value) => value === false,
  truncation: (value) => value === 'disabled',
  include: (value) => Array.isArray(value) && value.length === 0,
  previous_response_id: () => false,
  conversation: () => false,
  prompt: () => false,
  max_tool_calls: () => false,
  context_management: () => false,
  top_logprobs: () => false,
};

/** Handled below; everything else unknown passes through unchanged. */
const MAPPED = new Set([
  ...SHARED_PARAMETERS,
  ...Object.keys(WITHOUT_EQUIVALENT),
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'text',
  'max_output_tokens',
  'reasoning',
  'stream_options',
]);

/** A Responses request body → the equivalent Chat Completions request body. */
export function responsesToChatRequest(body: JsonObject, options: ResponsesToChatRequestOptions = {}): JsonObject {
  for (const [param, isNeutral] of Object.entries(WITHOUT_EQUIVALENT)) {
    const value = body[param];
    if (value !== undefined && value !== null && !isNeutral(value)) throw unsupportedParameter('responses-to-chat', param);
  }
  const request: JsonObject = {
    model: body.model,
    messages: responsesInputToChatMessages(body.instructions as string | null | undefined, body.input as string | readonly ResponsesItem[] | undefined),
  };
  copyPresent(request, body, SHARED_PARAMETERS);
  // Usage arrives only when asked for; the Response object always carries it.
  if (body.stream === true) request.stream_options = { include_usage: true };
  if (Array.isArray(body.tools) && body.tools.length > 0) request.tools = responsesToolsToChat(body.tools as readonly ResponsesTool[]);
  if (body.tool_choice != null) request.tool_choice = responsesToolChoiceToChat(body.tool_choice);
  if (isJsonObject(body.text)) Object.assign(request, textOptions(body.text));
  if (body.max_output_tokens != null) request[options.tokenParam ?? 'max_completion_tokens'] = body.max_output_tokens;
  // reasoning.summary has no Chat form; asking for a summary and getting none is harmless.
  if (isJsonObject(body.reasoning) && body.reasoning.effort != null) request.reasoning_effort = body.reasoning.effort;
  for (const [key, value] of Object.entries(body)) {
    if (!MAPPED.has(key)) request[key] = value;
  }
  return request;
}

/** Responses `text: {format, verbosity}` → Chat `response_format` and `verbosity`. */
function textOptions(text: JsonObject): JsonObject {
  const options: JsonObject = {};
  const format = text.format;
  if (isJsonObject(format) && format.type === 'json_schema') {
    const { type: _type, ...jsonSchema } = format;
    options.response_format = { type: 'json_schema', json_schema: jsonSchema };
  } else if (isJsonObject(format) && format.type === 'json_object') {
    options.response_format = { type: 'json_object' };
  }
  if (text.verbosity != null) options.verbosity = text.verbosity;
  return options;
}
