import type { ResponsesTool } from './responses-api.js';
import { unsupportedValue } from './bridge-errors.js';
import { isJsonObject, withoutUndefined, type JsonObject } from './json-object.js';

/** Responses function tools → Chat tools. Hosted tools (web_search, file_search, …) have no Chat form. */
export function responsesToolsToChat(tools: readonly ResponsesTool[]): JsonObject[] {
  return tools.map((tool, index) => {
    if (tool.type !== 'function') throw unsupportedValue('responses-to-chat', `tools[${index}].type`, tool.type);
    return {
      type: 'function',
      function: withoutUndefined({ name: tool.name, description: tool.description ?? undefined, parameters: tool.parameters ?? undefined, strict: tool.strict ?? undefined }),
    };
  });
}

/** Responses `tool_choice` → Chat `tool_choice`: the function name moves under `function`. */
export function responsesToolChoiceToChat(choice: unknown): unknown {
  if (typeof choice === 'string' || !isJsonObject(choice)) return choice;
  if (choice.type === 'function') return { type: 'function', function: { name: choice.name } };
  if (choice.type === 'allowed_tools' && Array.isArray(choice.tools)) {
    const tools = choice.tools.map((tool: JsonObject, index: number) => {
      if (tool.type !== 'function') throw unsupportedValue('responses-to-chat', `tool_choice.tools[${index}].type`, tool.type);
      return { type: 'function', function: { name: tool.name } };
    });
    return { type: 'allowed_tools', allowed_tools: { mode: choice.mode, tools } };
  }
  throw unsupportedValue('responses-to-chat', 'tool_choice.type', choice.type);
}
