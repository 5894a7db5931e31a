import { GatewayError } from '../errors/gateway-error.js';
import { unsupportedValue } from './bridge-errors.js';
import type { JsonObject } from './json-object.js';
import type { MessagesRequest } from './messages-api.js';

/**
 * `tools` and `tool_choice` → Chat's function tools and tool_choice: `auto` → `auto`, `any` →
 * `required`, `tool` → the named function, `none` → `none`; `disable_parallel_tool_use` →
 * `parallel_tool_calls: false`. Anthropic's server tools (`web_search_20250305`, …) have no
 * Chat form and are refused.
 */
export function messagesToolsToChat(request: MessagesRequest): JsonObject {
  const out: JsonObject = {};
  if (request.tools !== undefined && request.tools.length > 0) {
    out.tools = request.tools.map((tool, index) => {
      if (tool.type !== undefined && tool.type !== 'custom') throw unsupportedValue('messages-to-chat', `tools[${index}].type`, tool.type);
      if (typeof tool.name !== 'string' || tool.name === '') {
        throw new GatewayError('missing_required_parameter', `tools[${index}].name: Field required`, { param: `tools[${index}].name` });
      }
      const fn: JsonObject = { name: tool.name, parameters: tool.input_schema ?? { type: 'object', properties: {} } };
      if (typeof tool.description === 'string') fn.description = tool.description;
      return { type: 'function', function: fn };
    });
  }
  const choice = request.tool_choice;
  if (choice === undefined) return out;
  if (choice.type === 'auto') out.tool_choice = 'auto';
  else if (choice.type === 'any') out.tool_choice = 'required';
  else if (choice.type === 'none') out.tool_choice = 'none';
  else if (choice.type === 'tool' && typeof choice.name === 'string') out.tool_choice = { type: 'function', function: { name: choice.name } };
  else throw new GatewayError('invalid_value', "Invalid value for 'tool_choice.type': expected 'auto', 'any', 'tool' (with a name) or 'none'.", { param: 'tool_choice.type' });
  if (choice.disable_parallel_tool_use === true && out.tools !== undefined) out.parallel_tool_calls = false;
  return out;
}
