import { GatewayError } from '@switchyard/core';
import { invalid } from './convert-chat-messages.js';
import { isObject, type JsonObject } from './json.js';

/** OpenAI function tools → Anthropic tools (`input_schema`), `cache_control` kept. */
export function convertTools(tools: unknown): JsonObject[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalid('tools must be an array.', 'tools');
  return tools.map((tool: unknown, index) => {
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function) || typeof tool.function.name !== 'string') {
      throw new GatewayError('unsupported_value', `tools[${index}]: Anthropic models take function tools only.`, { param: `tools[${index}]` });
    }
    const fn = tool.function;
    const converted: JsonObject = {
      name: fn.name,
      ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
      input_schema: isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
    };
    if (isObject(tool.cache_control)) converted.cache_control = tool.cache_control;
    return converted;
  });
}

/**
 * `tool_choice` auto / none / required / a named function → Anthropic's auto / none / any / tool;
 * `parallel_tool_calls: false` → `disable_parallel_tool_use` (which needs a tool_choice, so
 * auto is assumed when the client set none).
 */
export function convertToolChoice(choice: unknown, parallelToolCalls: unknown): JsonObject | undefined {
  let converted: JsonObject | undefined;
  if (choice === 'auto') converted = { type: 'auto' };
  else if (choice === 'none') converted = { type: 'none' };
  else if (choice === 'required') converted = { type: 'any' };
  else if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') converted = { type: 'tool', name: choice.function.name };
  else if (choice !== undefined && choice !== null) throw invalid('tool_choice must be auto, none, required or {"type":"function","function":{"name":…}}.', 'tool_choice');
  if (parallelToolCalls === false && converted?.type !== 'none') converted = { ...(converted ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return converted;
}
