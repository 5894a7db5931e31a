import { GatewayError } from '@switchyard/core';
import { invalid } from './convert-media.js';
import { isObject, type JsonObject } from './json.js';

/** Converse tool names: letters, digits, `_` and `-`, 1–64 characters (ToolSpecification.name). */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * OpenAI function tools + `tool_choice` → Converse `toolConfig`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html):
 * auto → `{auto:{}}`, required → `{any:{}}`, a named function → `{tool:{name}}`. Converse has no
 * "none": the tools are left out, unless earlier turns hold tool blocks (Converse then requires
 * a toolConfig), in which case they stay, without a toolChoice. `cache_control` on a tool → a
 * `cachePoint` after it.
 */
export function convertToolConfig(tools: unknown, choice: unknown, historyUsesTools: boolean): JsonObject | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalid('tools must be an array.', 'tools');
  if (tools.length === 0) return undefined;
  const specs: JsonObject[] = [];
  tools.forEach((tool: unknown, index) => {
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function) || typeof tool.function.name !== 'string') {
      throw new GatewayError('unsupported_value', `tools[${index}]: Bedrock models take function tools only.`, { param: `tools[${index}]` });
    }
    const fn = tool.function;
    if (!TOOL_NAME.test(fn.name as string)) {
      throw invalid(`tools[${index}].function.name must be 1-64 letters, digits, underscores or hyphens on Bedrock.`, `tools[${index}].function.name`);
    }
    specs.push({
      toolSpec: {
        name: fn.name,
        ...(typeof fn.description === 'string' && fn.description !== '' ? { description: fn.description } : {}),
        inputSchema: { json: isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } },
      },
    });
    if (isObject(tool.cache_control)) specs.push({ cachePoint: { type: 'default' } });
  });
  if (choice === 'none') return historyUsesTools ? { tools: specs } : undefined;
  const toolChoice = convertToolChoice(choice);
  return toolChoice === undefined ? { tools: specs } : { tools: specs, toolChoice };
}

function convertToolChoice(choice: unknown): JsonObject | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') return { tool: { name: choice.function.name } };
  throw invalid('tool_choice must be auto, none, required or {"type":"function","function":{"name":…}}.', 'tool_choice');
}
