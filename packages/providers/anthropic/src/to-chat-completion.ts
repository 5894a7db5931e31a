import { isObject, type JsonObject } from './json.js';
import { mapStopReason } from './map-stop-reason.js';
import { emptyUsage, takeUsage, toChatUsage } from './map-usage.js';

/**
 * An Anthropic Message → an OpenAI chat.completion. Text blocks join into `content`, tool_use
 * blocks become `tool_calls`, thinking becomes `reasoning_content` with the blocks themselves
 * (signatures included) in `thinking_blocks`, to be sent back unchanged in a tool loop.
 */
export function toChatCompletion(message: JsonObject, created: number): JsonObject {
  let text = '';
  let reasoning = '';
  const toolCalls: JsonObject[] = [];
  const thinkingBlocks: JsonObject[] = [];
  const blocks: unknown[] = Array.isArray(message.content) ? message.content : [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    } else if (block.type === 'thinking') {
      if (typeof block.thinking === 'string') reasoning += block.thinking;
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking') thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
  }
  const assistant: JsonObject = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, refusal: null };
  if (toolCalls.length > 0) assistant.tool_calls = toolCalls;
  if (thinkingBlocks.length > 0) {
    assistant.reasoning_content = reasoning;
    assistant.thinking_blocks = thinkingBlocks;
  }
  const usage = emptyUsage();
  takeUsage(usage, message.usage);
  return {
    id: message.id,
    object: 'chat.completion',
    created,
    model: message.model,
    choices: [{ index: 0, message: assistant, logprobs: null, finish_reason: mapStopReason(message.stop_reason, toolCalls.length > 0) }],
    usage: toChatUsage(usage),
  };
}
