import { GatewayError } from '../errors/gateway-error.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import type { MessagesRequest } from './messages-api.js';

/**
 * The shape checks of a Messages request that every deployment needs (Anthropic's required
 * fields and types), so a malformed request is refused before any upstream is called, in the
 * words Anthropic's own API uses. `requireMaxTokens: false` for count_tokens, which has none.
 */
export function checkMessagesRequest(body: JsonObject, options: { readonly requireMaxTokens?: boolean } = {}): MessagesRequest {
  if (options.requireMaxTokens !== false) {
    const maxTokens = body.max_tokens;
    if (maxTokens === undefined) throw missing('max_tokens');
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
      throw new GatewayError('invalid_value', "Invalid value for 'max_tokens': expected an integer of at least 1.", { param: 'max_tokens' });
    }
  }
  const messages = body.messages;
  if (messages === undefined) throw missing('messages');
  if (!Array.isArray(messages)) throw invalidType('messages', 'an array');
  messages.forEach((message: unknown, index) => {
    const param = `messages[${index}]`;
    if (!isJsonObject(message)) throw invalidType(param, 'an object');
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new GatewayError('invalid_value', `Invalid value for '${param}.role': expected 'user' or 'assistant'.`, { param: `${param}.role` });
    }
    const content = message.content;
    if (typeof content !== 'string' && !(Array.isArray(content) && content.every(isJsonObject))) {
      throw invalidType(`${param}.content`, 'a string or an array of content blocks');
    }
  });
  const system = body.system;
  if (system !== undefined && typeof system !== 'string' && !(Array.isArray(system) && system.every((block) => isJsonObject(block) && block.type === 'text' && typeof block.text === 'string'))) {
    throw invalidType('system', 'a string or an array of text blocks');
  }
  const stops = body.stop_sequences;
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((stop) => typeof stop === 'string'))) throw invalidType('stop_sequences', 'an array of strings');
  for (const name of ['temperature', 'top_p', 'top_k'] as const) {
    if (body[name] !== undefined && typeof body[name] !== 'number') throw invalidType(name, 'a number');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') throw invalidType('stream', 'a boolean');
  if (body.metadata !== undefined && !isJsonObject(body.metadata)) throw invalidType('metadata', 'an object');
  if (body.tools !== undefined && !(Array.isArray(body.tools) && body.tools.every(isJsonObject))) throw invalidType('tools', 'an array of tools');
  if (body.tool_choice !== undefined && !isJsonObject(body.tool_choice)) throw invalidType('tool_choice', 'an object');
  return body as unknown as MessagesRequest;
}

function missing(param: string): GatewayError {
  return new GatewayError('missing_required_parameter', `${param}: Field required`, { param });
}

function invalidType(param: string, expected: string): GatewayError {
  return new GatewayError('invalid_type', `Invalid type for '${param}': expected ${expected}.`, { param });
}
