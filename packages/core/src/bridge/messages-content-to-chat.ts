import { GatewayError } from '../errors/gateway-error.js';
import { unsupportedValue } from './bridge-errors.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import type { MessagesParam } from './messages-api.js';

/**
 * One Messages turn → the Chat messages that say the same. A user turn's `tool_result` blocks
 * become `tool` messages, placed first (Chat wants them right after the assistant's
 * `tool_calls`), its other blocks one user message. An assistant turn's `tool_use` blocks
 * become `tool_calls`; its `thinking` blocks are left out, since Chat models take no thinking
 * back (a client in a tool loop sends them every turn). `cache_control` has no Chat form and is
 * left out.
 */
export function messagesContentToChat(message: MessagesParam, param: string): JsonObject[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  const blocks = message.content as readonly JsonObject[];
  return message.role === 'assistant' ? [assistantMessage(blocks, param)] : userMessages(blocks, param);
}

function userMessages(blocks: readonly JsonObject[], param: string): JsonObject[] {
  const tools: JsonObject[] = [];
  const parts: JsonObject[] = [];
  blocks.forEach((block, index) => {
    const at = `${param}.content[${index}]`;
    if (block.type === 'tool_result') tools.push(toolMessage(block, at));
    else parts.push(userPart(block, at));
  });
  if (parts.length === 0) return tools;
  const only = parts.length === 1 ? parts[0] : undefined;
  const content = only?.type === 'text' ? only.text : parts;
  return [...tools, { role: 'user', content }];
}

function userPart(block: JsonObject, param: string): JsonObject {
  if (block.type === 'text' && typeof block.text === 'string') return { type: 'text', text: block.text };
  const source = isJsonObject(block.source) ? block.source : undefined;
  if (block.type === 'image' && source !== undefined) {
    if (source.type === 'base64' && typeof source.data === 'string' && typeof source.media_type === 'string') {
      return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
    }
    if (source.type === 'url' && typeof source.url === 'string') return { type: 'image_url', image_url: { url: source.url } };
    throw new GatewayError('invalid_value', `Invalid value for '${param}.source': expected a base64 or url image source.`, { param: `${param}.source` });
  }
  if (block.type === 'document' && source?.type === 'base64' && source.media_type === 'application/pdf' && typeof source.data === 'string') {
    const filename = typeof block.title === 'string' && block.title !== '' ? block.title : 'document.pdf';
    return { type: 'file', file: { filename, file_data: `data:application/pdf;base64,${source.data}` } };
  }
  throw unsupportedValue('messages-to-chat', `${param}.type`, block.type);
}

function toolMessage(block: JsonObject, param: string): JsonObject {
  if (typeof block.tool_use_id !== 'string') {
    throw new GatewayError('missing_required_parameter', `${param}.tool_use_id: Field required`, { param: `${param}.tool_use_id` });
  }
  const content = block.content;
  let text: string;
  if (content === undefined) text = '';
  else if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) {
    text = content
      .map((part: unknown, index) => {
        if (isJsonObject(part) && part.type === 'text' && typeof part.text === 'string') return part.text;
        throw unsupportedValue('messages-to-chat', `${param}.content[${index}].type`, isJsonObject(part) ? part.type : typeof part);
      })
      .join('\n');
  } else throw new GatewayError('invalid_type', `Invalid type for '${param}.content': expected a string or an array of blocks.`, { param: `${param}.content` });
  // Chat has no error flag on a tool result; the model reads it from the text.
  return { role: 'tool', tool_call_id: block.tool_use_id, content: block.is_error === true ? `Error: ${text}` : text };
}

function assistantMessage(blocks: readonly JsonObject[], param: string): JsonObject {
  const texts: string[] = [];
  const calls: JsonObject[] = [];
  blocks.forEach((block, index) => {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string') {
      calls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') {
      throw unsupportedValue('messages-to-chat', `${param}.content[${index}].type`, block.type);
    }
  });
  const message: JsonObject = { role: 'assistant', content: texts.length === 0 ? null : texts.join('') };
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}
