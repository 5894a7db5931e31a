import { GatewayError } from '@switchyard/core';
import { isObject, type JsonObject } from './json.js';

/** Anthropic's request side: `system` blocks and alternating user/assistant `messages`. */
export interface ConvertedMessages {
  readonly system: JsonObject[];
  readonly messages: { role: 'user' | 'assistant'; content: JsonObject[] }[];
}

/**
 * OpenAI chat messages → Anthropic's `system` + `messages`:
 * - system and developer messages go to `system` (Anthropic has no system role in messages);
 * - tool messages become user `tool_result` blocks; consecutive same-role turns are merged,
 *   because the Messages API wants user and assistant to alternate;
 * - assistant `thinking_blocks` (as this plugin returned them) go back first, unchanged, so
 *   their signatures verify in tool loops;
 * - `cache_control` on a part is kept on its block; on a message, it goes on its last block.
 */
export function convertChatMessages(messages: unknown): ConvertedMessages {
  if (!Array.isArray(messages)) throw invalid('messages must be an array.', 'messages');
  const system: JsonObject[] = [];
  const turns: ConvertedMessages['messages'] = [];
  messages.forEach((message: unknown, index) => {
    if (!isObject(message)) throw invalid(`messages[${index}] must be an object.`, `messages[${index}]`);
    const role = message.role;
    if (role === 'system' || role === 'developer') {
      system.push(...withMessageCache(textBlocks(message.content, `messages[${index}].content`), message));
      return;
    }
    if (role === 'user') return push(turns, 'user', withMessageCache(userBlocks(message.content, index), message));
    if (role === 'assistant') return push(turns, 'assistant', withMessageCache(assistantBlocks(message, index), message));
    if (role === 'tool' || role === 'function') return push(turns, 'user', withMessageCache([toolResult(message, index)], message));
    throw invalid(`messages[${index}].role "${String(role)}" is not supported by Anthropic models.`, `messages[${index}].role`);
  });
  return { system, messages: turns };
}

function push(turns: ConvertedMessages['messages'], role: 'user' | 'assistant', content: JsonObject[]): void {
  if (content.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...content);
  else turns.push({ role, content });
}

function withMessageCache(blocks: JsonObject[], message: JsonObject): JsonObject[] {
  const last = blocks.at(-1);
  if (isObject(message.cache_control) && last !== undefined) blocks[blocks.length - 1] = { ...last, cache_control: message.cache_control };
  return blocks;
}

function textBlocks(content: unknown, param: string): JsonObject[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw invalid(`${param} must be a string or an array of parts.`, param);
  return content.map((part: unknown, index) => {
    if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') throw invalid(`${param}[${index}] must be a text part.`, `${param}[${index}]`);
    return cached({ type: 'text', text: part.text }, part);
  });
}

function userBlocks(content: unknown, messageIndex: number): JsonObject[] {
  const param = `messages[${messageIndex}].content`;
  if (!Array.isArray(content)) return textBlocks(content, param);
  return content.map((part: unknown, index) => contentPart(part, `${param}[${index}]`));
}

function contentPart(part: unknown, param: string): JsonObject {
  if (!isObject(part)) throw invalid(`${param} must be an object.`, param);
  if (part.type === 'text' && typeof part.text === 'string') return cached({ type: 'text', text: part.text }, part);
  if (part.type === 'image_url') {
    const url = isObject(part.image_url) ? part.image_url.url : part.image_url;
    if (typeof url !== 'string') throw invalid(`${param}.image_url.url must be a string.`, param);
    return cached({ type: 'image', source: mediaSource(url, param) }, part);
  }
  if (part.type === 'file' && isObject(part.file)) {
    const data = part.file.file_data;
    if (typeof data !== 'string') throw invalid(`${param}.file: Anthropic models take files as file_data (a base64 data: URL); file_id is not supported.`, param);
    return cached({ type: 'document', source: mediaSource(data, param) }, part);
  }
  throw invalid(`${param}: content parts of type "${String(part.type)}" are not supported by Anthropic models.`, param);
}

/** A `data:` URL becomes a base64 source; an http(s) URL a URL source Anthropic fetches itself. */
function mediaSource(url: string, param: string): JsonObject {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const header = url.slice(5, comma);
    if (comma === -1 || !header.endsWith(';base64')) throw invalid(`${param}: a data: URL must be base64-encoded.`, param);
    return { type: 'base64', media_type: header.slice(0, -7), data: url.slice(comma + 1) };
  }
  if (url.startsWith('https://') || url.startsWith('http://')) return { type: 'url', url };
  throw invalid(`${param}: the URL must be https:// or a base64 data: URL.`, param);
}

function assistantBlocks(message: JsonObject, index: number): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (Array.isArray(message.thinking_blocks)) {
    for (const block of message.thinking_blocks as unknown[]) {
      if (isObject(block) && (block.type === 'thinking' || block.type === 'redacted_thinking')) blocks.push(block);
    }
  }
  blocks.push(...textBlocks(message.content, `messages[${index}].content`));
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call: unknown, callIndex) => blocks.push(toolUse(call, `messages[${index}].tool_calls[${callIndex}]`)));
  }
  return blocks;
}

function toolUse(call: unknown, param: string): JsonObject {
  if (!isObject(call) || !isObject(call.function) || typeof call.id !== 'string' || typeof call.function.name !== 'string') {
    throw invalid(`${param} must have an id and a function name.`, param);
  }
  const args = call.function.arguments;
  let input: unknown = {};
  if (typeof args === 'string' && args.trim() !== '') {
    try {
      input = JSON.parse(args);
    } catch {
      throw invalid(`${param}.function.arguments is not valid JSON.`, `${param}.function.arguments`);
    }
  }
  return { type: 'tool_use', id: call.id, name: call.function.name, input: isObject(input) ? input : {} };
}

function toolResult(message: JsonObject, index: number): JsonObject {
  const id = message.tool_call_id;
  if (typeof id !== 'string') throw invalid(`messages[${index}].tool_call_id is required.`, `messages[${index}].tool_call_id`);
  const content = typeof message.content === 'string' ? message.content : textBlocks(message.content, `messages[${index}].content`);
  return { type: 'tool_result', tool_use_id: id, content };
}

function cached(block: JsonObject, part: JsonObject): JsonObject {
  return isObject(part.cache_control) ? { ...block, cache_control: part.cache_control } : block;
}

export function invalid(message: string, param: string): GatewayError {
  return new GatewayError('invalid_value', message, { param });
}
