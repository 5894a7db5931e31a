import { GatewayError } from '../errors/gateway-error.js';
import { unsupportedParameter } from './bridge-errors.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { checkMessagesRequest } from './check-messages-request.js';
import { messagesContentToChat } from './messages-content-to-chat.js';
import { messagesToolsToChat } from './messages-tools-to-chat.js';

/** The parameters with a Chat Completions name of their own; everything else is refused. */
const CARRIED = new Set([
  'model', 'max_tokens', 'messages', 'system', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k',
  'metadata', 'tools', 'tool_choice', 'thinking', 'service_tier',
]);

/**
 * An Anthropic Messages request → the Chat Completions request that asks the same of an
 * OpenAI-format model: `system` → a system message, content blocks → content parts and
 * tool messages, `tool_use` → `tool_calls`, `stop_sequences` → `stop`, `metadata.user_id` →
 * `user`, `thinking` → `reasoning_effort`. A stream always asks for usage: a Messages stream
 * reports it. `top_k` has no Chat equivalent and is left out (Anthropic documents it as a
 * sampling hint for advanced use); a parameter the bridge does not know is refused (dropped
 * under drop_params).
 */
export function messagesToChatRequest(body: JsonObject, options: { readonly dropUnknown?: boolean } = {}): JsonObject {
  const request = checkMessagesRequest(body);
  if (options.dropUnknown !== true) {
    for (const key of Object.keys(body)) if (!CARRIED.has(key)) throw unsupportedParameter('messages-to-chat', key);
  }
  const messages: JsonObject[] = [];
  const system = request.system;
  if (typeof system === 'string') {
    if (system !== '') messages.push({ role: 'system', content: system });
  } else if (Array.isArray(system)) {
    const text = system.map((block) => block.text).join('\n\n');
    if (text !== '') messages.push({ role: 'system', content: text });
  }
  request.messages.forEach((message, index) => messages.push(...messagesContentToChat(message, `messages[${index}]`)));

  const chat: JsonObject = { model: request.model, messages, max_tokens: request.max_tokens };
  if (request.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) chat.stop = [...request.stop_sequences];
  const user = request.metadata?.user_id;
  if (typeof user === 'string' && user !== '') chat.user = user;
  if (typeof body.service_tier === 'string' && body.service_tier !== 'standard_only') chat.service_tier = body.service_tier === 'auto' ? 'auto' : 'default';
  Object.assign(chat, messagesToolsToChat(request));
  const effort = reasoningEffort(request.thinking);
  if (effort !== undefined) chat.reasoning_effort = effort;
  return chat;
}

/**
 * `thinking` → `reasoning_effort` by budget: under 4,096 tokens `low`, under 16,384 `medium`,
 * else `high`; `adaptive` → `medium`; `disabled` → nothing (the model's default).
 */
export function reasoningEffort(thinking: unknown): string | undefined {
  if (thinking === undefined) return undefined;
  if (!isJsonObject(thinking)) throw new GatewayError('invalid_type', "Invalid type for 'thinking': expected an object.", { param: 'thinking' });
  if (thinking.type === 'disabled') return undefined;
  if (thinking.type === 'adaptive') return 'medium';
  if (thinking.type !== 'enabled') throw new GatewayError('invalid_value', "Invalid value for 'thinking.type': expected 'enabled', 'disabled' or 'adaptive'.", { param: 'thinking.type' });
  const budget = thinking.budget_tokens;
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1024) {
    throw new GatewayError('invalid_value', "Invalid value for 'thinking.budget_tokens': expected an integer of at least 1024.", { param: 'thinking.budget_tokens' });
  }
  return budget < 4096 ? 'low' : budget < 16384 ? 'medium' : 'high';
}
