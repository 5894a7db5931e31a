import type { ChatFunctionTool } from './chat-api.js';
import { unsupportedValue } from './bridge-errors.js';
import { isJsonObject, withoutUndefined, type JsonObject } from './json-object.js';

/**
 * Chat `tools` (`{type:'function', function:{…}}`) → Responses function tools (flat). A tool
 * without `strict` is sent with `strict: false`: Chat's default is non-strict, while Responses
 * otherwise normalises the schema to strict mode and makes every optional field mandatory.
 */
export function chatToolsToResponses(tools: readonly ChatFunctionTool[]): JsonObject[] {
  return tools.map((tool, index) => {
    if (tool.type !== 'function' || tool.function === undefined) throw unsupportedValue('chat-to-responses', `tools[${index}].type`, tool.type);
    const { name, description, parameters, strict } = tool.function;
    return withoutUndefined({ type: 'function', name, description, parameters, strict: strict ?? false });
  });
}

/** Chat `tool_choice` → Responses `tool_choice`: the named function moves up one level. */
export function chatToolChoiceToResponses(choice: unknown): unknown {
  if (typeof choice === 'string' || !isJsonObject(choice)) return choice;
  if (choice.type === 'function' && isJsonObject(choice.function)) return { type: 'function', name: choice.function.name };
  if (choice.type === 'allowed_tools' && isJsonObject(choice.allowed_tools)) {
    const allowed = choice.allowed_tools;
    const tools = Array.isArray(allowed.tools) ? allowed.tools : [];
    return {
      type: 'allowed_tools',
      mode: allowed.mode,
      tools: tools.map((tool: JsonObject) => (isJsonObject(tool.function) ? { type: 'function', name: tool.function.name } : tool)),
    };
  }
  throw unsupportedValue('chat-to-responses', 'tool_choice.type', choice.type);
}
