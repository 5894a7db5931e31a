import { GatewayError } from '@switchyard/core';
import type { BedrockTarget } from './bedrock-target.js';
import { invalid } from './convert-media.js';
import { convertMessages } from './convert-messages.js';
import { convertToolConfig } from './convert-tools.js';
import { isObject, type JsonObject } from './json.js';
import { mapReasoning } from './map-reasoning.js';
import { modelFamily } from './model-family.js';

/** The tool a `response_format: json_schema` becomes (LiteLLM's name), whose input is the answer. */
export const JSON_TOOL_NAME = 'json_tool_call';

/** Converse fields a client may send as they are (boto3's names), for what Chat has no parameter for. */
const PASSTHROUGH = ['performanceConfig', 'requestMetadata', 'promptVariables', 'additionalModelResponseFieldPaths'] as const;

export interface ConverseRequest {
  readonly body: JsonObject;
  /** Set when the answer comes back as the input of JSON_TOOL_NAME, to be turned into content. */
  readonly jsonTool: boolean;
}

/**
 * An OpenAI Chat Completions body → a Converse body (docs/providers-bedrock.md has the table):
 * messages and system, `inferenceConfig` (maxTokens, temperature, topP, stopSequences),
 * `toolConfig`, reasoning and `top_k` through `additionalModelRequestFields`, `guardrailConfig`
 * from the request (else the deployment's litellm_params), and a few Converse fields passed through.
 */
export function toConverseRequest(body: JsonObject, target: BedrockTarget): ConverseRequest {
  const { system, messages, usesTools } = convertMessages(body.messages);
  const family = modelFamily(target.modelId);
  const request: JsonObject = { messages };
  if (system.length > 0) request.system = system;
  const reasoning = mapReasoning(body, family, readMaxTokens(body));
  const inference: JsonObject = {};
  if (reasoning.maxTokens !== undefined) inference.maxTokens = reasoning.maxTokens;
  if (typeof body.temperature === 'number') inference.temperature = body.temperature;
  if (typeof body.top_p === 'number') inference.topP = body.top_p;
  const stop = body.stop;
  if (typeof stop === 'string') inference.stopSequences = [stop];
  else if (Array.isArray(stop) && stop.length > 0) inference.stopSequences = stop;
  if (Object.keys(inference).length > 0) request.inferenceConfig = inference;

  const additional: JsonObject = { ...(isObject(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {}), ...reasoning.additional };
  if (typeof body.top_k === 'number') additional.top_k = body.top_k;
  if (Object.keys(additional).length > 0) request.additionalModelRequestFields = additional;

  let toolConfig = convertToolConfig(body.tools, body.tool_choice, usesTools);
  const schema = jsonSchema(body.response_format);
  if (schema !== undefined) {
    const jsonTool = { toolSpec: { name: JSON_TOOL_NAME, description: 'Respond with a JSON object matching this schema.', inputSchema: { json: schema } } };
    toolConfig = { tools: [...((toolConfig?.tools as JsonObject[] | undefined) ?? []), jsonTool], toolChoice: { tool: { name: JSON_TOOL_NAME } } };
  }
  if (toolConfig !== undefined) request.toolConfig = toolConfig;

  const guardrail = isObject(body.guardrailConfig) ? body.guardrailConfig : target.guardrailConfig;
  if (guardrail !== undefined) request.guardrailConfig = guardrail;
  for (const name of PASSTHROUGH) if (body[name] !== undefined) request[name] = body[name];
  return { body: request, jsonTool: schema !== undefined };
}

function readMaxTokens(body: JsonObject): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalid('max_tokens must be a positive integer.', 'max_tokens');
  return value;
}

/** `json_schema` → its schema (answered through a forced tool); Converse has no JSON mode, so `json_object` is refused. */
function jsonSchema(format: unknown): JsonObject | undefined {
  if (format === undefined || format === null) return undefined;
  if (!isObject(format)) throw invalid('response_format must be an object.', 'response_format');
  if (format.type === 'text') return undefined;
  if (format.type === 'json_schema' && isObject(format.json_schema) && isObject(format.json_schema.schema)) return format.json_schema.schema;
  throw new GatewayError('unsupported_value', 'Bedrock models accept response_format "text" or "json_schema" (with json_schema.schema); there is no JSON mode.', { param: 'response_format' });
}
