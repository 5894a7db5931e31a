import { documentBlock, imageBlock, invalid } from './convert-media.js';
import { isObject, type JsonObject } from './json.js';

/** Converse's request side: `system` blocks and alternating user/assistant `messages`. */
export interface ConverseMessages {
  readonly system: JsonObject[];
  readonly messages: { role: 'user' | 'assistant'; content: JsonObject[] }[];
  /** Whether any turn carries toolUse / toolResult blocks: Converse then needs a toolConfig. */
  readonly usesTools: boolean;
}

const CACHE_POINT: JsonObject = { cachePoint: { type: 'default' } };

/**
 * OpenAI chat messages → Converse `system` + `messages`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html):
 * - system and developer messages → `system` text blocks;
 * - tool messages → user `toolResult` blocks; consecutive same-role turns merge, since Converse
 *   wants user and assistant to alternate;
 * - assistant `thinking_blocks` (as this plugin returns them) go back first as
 *   `reasoningContent`, signatures kept, so Claude verifies them in tool loops;
 * - `cache_control` on a part or a message → a `cachePoint` block after it (Bedrock's prompt caching);
 * - empty text is left out: Converse refuses blank text blocks.
 */
export function convertMessages(messages: unknown): ConverseMessages {
  if (!Array.isArray(messages)) throw invalid('messages must be an array.', 'messages');
  const system: JsonObject[] = [];
  const turns: ConverseMessages['messages'] = [];
  let usesTools = false;
  messages.forEach((message: unknown, index) => {
    if (!isObject(message)) throw invalid(`messages[${index}] must be an object.`, `messages[${index}]`);
    const role = message.role;
    const param = `messages[${index}]`;
    if (role === 'system' || role === 'developer') {
      system.push(...withMessageCache(textBlocks(message.content, `${param}.content`), message));
    } else if (role === 'user') {
      push(turns, 'user', withMessageCache(userBlocks(message.content, `${param}.content`), message));
    } else if (role === 'assistant') {
      const blocks = assistantBlocks(message, param);
      usesTools ||= blocks.some((block) => block.toolUse !== undefined);
      push(turns, 'assistant', withMessageCache(blocks, message));
    } else if (role === 'tool' || role === 'function') {
      usesTools = true;
      push(turns, 'user', withMessageCache([toolResult(message, param)], message));
    } else {
      throw invalid(`${param}.role "${String(role)}" is not supported by Bedrock models.`, `${param}.role`);
    }
  });
  return { system, messages: turns, usesTools };
}

function push(turns: ConverseMessages['messages'], role: 'user' | 'assistant', content: JsonObject[]): void {
  if (content.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...content);
  else turns.push({ role, content });
}

function withMessageCache(blocks: JsonObject[], message: JsonObject): JsonObject[] {
  if (isObject(message.cache_control) && blocks.length > 0 && blocks.at(-1) !== CACHE_POINT) blocks.push(CACHE_POINT);
  return blocks;
}

function textBlocks(content: unknown, param: string): JsonObject[] {
  if (typeof content === 'string') return content.trim() === '' ? [] : [{ text: content }];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw invalid(`${param} must be a string or an array of parts.`, param);
  const blocks: JsonObject[] = [];
  content.forEach((part: unknown, index) => {
    if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') throw invalid(`${param}[${index}] must be a text part.`, `${param}[${index}]`);
    if (part.text.trim() !== '') blocks.push({ text: part.text });
    if (isObject(part.cache_control)) blocks.push(CACHE_POINT);
  });
  return blocks;
}

function userBlocks(content: unknown, param: string): JsonObject[] {
  if (!Array.isArray(content)) return textBlocks(content, param);
  const blocks: JsonObject[] = [];
  let documents = 0;
  content.forEach((part: unknown, index) => {
    const partParam = `${param}[${index}]`;
    if (!isObject(part)) throw invalid(`${partParam} must be an object.`, partParam);
    if (part.type === 'text' && typeof part.text === 'string') {
      if (part.text.trim() !== '') blocks.push({ text: part.text });
    } else if (part.type === 'image_url') {
      const url = isObject(part.image_url) ? part.image_url.url : part.image_url;
      if (typeof url !== 'string') throw invalid(`${partParam}.image_url.url must be a string.`, partParam);
      blocks.push(imageBlock(url, partParam));
    } else if (part.type === 'file' && isObject(part.file)) {
      blocks.push(documentBlock(part.file, documents++, partParam));
    } else {
      throw invalid(`${partParam}: content parts of type "${String(part.type)}" are not supported by Bedrock models.`, partParam);
    }
    if (isObject(part.cache_control)) blocks.push(CACHE_POINT);
  });
  return blocks;
}

function assistantBlocks(message: JsonObject, param: string): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (Array.isArray(message.thinking_blocks)) {
    for (const block of message.thinking_blocks as unknown[]) {
      if (!isObject(block)) continue;
      if (block.type === 'thinking' && typeof block.thinking === 'string') {
        blocks.push({ reasoningContent: { reasoningText: { text: block.thinking, ...(typeof block.signature === 'string' ? { signature: block.signature } : {}) } } });
      } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
        blocks.push({ reasoningContent: { redactedContent: block.data } });
      }
    }
  }
  blocks.push(...textBlocks(message.content, `${param}.content`));
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call: unknown, callIndex) => blocks.push(toolUse(call, `${param}.tool_calls[${callIndex}]`)));
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
  return { toolUse: { toolUseId: call.id, name: call.function.name, input: isObject(input) ? input : {} } };
}

function toolResult(message: JsonObject, param: string): JsonObject {
  const id = message.tool_call_id;
  if (typeof id !== 'string') throw invalid(`${param}.tool_call_id is required.`, `${param}.tool_call_id`);
  const text = typeof message.content === 'string' ? message.content : textBlocks(message.content, `${param}.content`).map((block) => block.text ?? '').join('');
  // An empty result is still a result: Converse wants at least one content block.
  return { toolResult: { toolUseId: id, content: [{ text: text === '' ? ' ' : text }] } };
}
