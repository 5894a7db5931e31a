import { GatewayError } from '@switchyard/core';
import type { AnthropicTarget } from './anthropic-target.js';
import { convertChatMessages, invalid } from './convert-chat-messages.js';
import { convertToolChoice, convertTools } from './convert-tools.js';
import { isObject, type JsonObject } from './json.js';
import { mapThinking } from './map-thinking.js';

/** Chat parameters that go across under the same name. */
const SAME_NAME = ['temperature', 'top_p', 'top_k'] as const;

/**
 * An OpenAI Chat Completions body → an Anthropic Messages body (docs/providers-anthropic.md has
 * the table). Parameters without an Anthropic counterpart were refused or dropped by core's
 * validate stage from the capability data; what is left here either maps or is refused clearly.
 */
export function toMessagesRequest(body: JsonObject, target: AnthropicTarget): JsonObject {
  const { system, messages } = convertChatMessages(body.messages);
  const maxTokens = readMaxTokens(body) ?? target.facts.defaultMaxTokens;
  const request: JsonObject = { model: body.model, max_tokens: maxTokens, messages };
  if (system.length > 0) request.system = system;
  for (const name of SAME_NAME) if (body[name] !== undefined && body[name] !== null) request[name] = body[name];
  const stop = body.stop;
  if (typeof stop === 'string') request.stop_sequences = [stop];
  else if (Array.isArray(stop) && stop.length > 0) request.stop_sequences = stop;
  if (typeof body.user === 'string' && body.user !== '') request.metadata = { user_id: body.user };
  const tools = convertTools(body.tools);
  if (tools !== undefined && tools.length > 0) request.tools = tools;
  const toolChoice = convertToolChoice(body.tool_choice, body.parallel_tool_calls);
  if (toolChoice !== undefined && tools !== undefined && tools.length > 0) request.tool_choice = toolChoice;
  const thinking = mapThinking(body.reasoning_effort, maxTokens, target.facts);
  if (thinking.thinking !== undefined) request.thinking = thinking.thinking;
  const format = outputFormat(body.response_format, target);
  const outputConfig = { ...thinking.output_config, ...(format === undefined ? {} : { format }) };
  if (Object.keys(outputConfig).length > 0) request.output_config = outputConfig;
  if (body.stream === true) request.stream = true;
  return request;
}

function readMaxTokens(body: JsonObject): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalid('max_tokens must be a positive integer.', 'max_tokens');
  return value;
}

/**
 * `json_schema` → `output_config.format` where the model has structured outputs; Anthropic has
 * no JSON mode, so `json_object` is refused rather than silently ignored.
 */
function outputFormat(format: unknown, target: AnthropicTarget): JsonObject | undefined {
  if (format === undefined || format === null) return undefined;
  if (!isObject(format)) throw invalid('response_format must be an object.', 'response_format');
  if (format.type === 'text') return undefined;
  if (format.type === 'json_schema' && isObject(format.json_schema) && isObject(format.json_schema.schema)) {
    if (!target.facts.structuredOutput) {
      throw new GatewayError('unsupported_value', `${target.label} has no structured outputs: response_format json_schema is not supported.`, { param: 'response_format' });
    }
    return { type: 'json_schema', schema: format.json_schema.schema };
  }
  throw new GatewayError('unsupported_value', 'Anthropic models accept response_format "text" or "json_schema" (with json_schema.schema); there is no JSON mode.', {
    param: 'response_format',
  });
}
