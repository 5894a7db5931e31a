import { GatewayError } from '@switchyard/core';
import { isObject, type JsonObject } from './json.js';
import { mapStopReason } from './map-stop-reason.js';
import { toChatUsage } from './map-usage.js';
import { JSON_TOOL_NAME } from './to-converse-request.js';

export interface ChatMeta {
  readonly id: string;
  readonly model: string;
  readonly created: number;
  /** The answer is the input of the forced JSON tool (response_format json_schema). */
  readonly jsonTool: boolean;
  readonly label: string;
}

/**
 * A Converse answer → an OpenAI chat.completion: text blocks join into `content`, `toolUse`
 * blocks become `tool_calls`, `reasoningContent` becomes `reasoning_content` plus
 * `thinking_blocks` (signatures and redacted content kept, to be sent back in tool loops).
 * A 200 without `output.message` (seen from some models) is an upstream error, not an empty answer.
 */
export function toChatCompletion(response: JsonObject, meta: ChatMeta): JsonObject {
  const message = isObject(response.output) && isObject(response.output.message) ? response.output.message : undefined;
  if (message === undefined || !Array.isArray(message.content)) {
    throw new GatewayError('upstream_invalid_response', `The upstream for ${meta.label} answered 200 without output.message.`);
  }
  let text = '';
  let reasoning = '';
  const toolCalls: JsonObject[] = [];
  const thinkingBlocks: JsonObject[] = [];
  for (const block of message.content as unknown[]) {
    if (!isObject(block)) continue;
    if (typeof block.text === 'string') text += block.text;
    else if (isObject(block.toolUse)) {
      const use = block.toolUse;
      if (meta.jsonTool && use.name === JSON_TOOL_NAME) text += JSON.stringify(use.input ?? {});
      else toolCalls.push({ id: uniqueToolId(use.toolUseId, (candidate) => toolCalls.some((call) => call.id === candidate)), type: 'function', function: { name: use.name, arguments: JSON.stringify(use.input ?? {}) } });
    } else if (isObject(block.reasoningContent)) {
      const content = block.reasoningContent;
      if (isObject(content.reasoningText)) {
        const thought = typeof content.reasoningText.text === 'string' ? content.reasoningText.text : '';
        reasoning += thought;
        thinkingBlocks.push({ type: 'thinking', thinking: thought, ...(typeof content.reasoningText.signature === 'string' ? { signature: content.reasoningText.signature } : {}) });
      } else if (typeof content.redactedContent === 'string') thinkingBlocks.push({ type: 'redacted_thinking', data: content.redactedContent });
    }
  }
  const assistant: JsonObject = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, refusal: null };
  if (toolCalls.length > 0) assistant.tool_calls = toolCalls;
  if (thinkingBlocks.length > 0) {
    assistant.reasoning_content = reasoning;
    assistant.thinking_blocks = thinkingBlocks;
  }
  const stopReason = meta.jsonTool && response.stopReason === 'tool_use' && toolCalls.length === 0 ? 'end_turn' : response.stopReason;
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message: assistant, logprobs: null, finish_reason: mapStopReason(stopReason, toolCalls.length > 0) }],
    usage: toChatUsage(response.usage),
  };
}

/**
 * Mistral on Bedrock can give parallel calls the same toolUseId (the AI SDK's
 * amazon-bedrock-mistral-duplicate-tool-call-ids reproduction); OpenAI clients key results by
 * id, so a repeated one gets a suffix. The client sends the suffixed id back in both the
 * assistant turn and the tool result, so the pair still matches upstream.
 */
export function uniqueToolId(id: unknown, isTaken: (candidate: string) => boolean): unknown {
  if (typeof id !== 'string' || !isTaken(id)) return id;
  let suffix = 2;
  while (isTaken(`${id}_${suffix}`)) suffix++;
  return `${id}_${suffix}`;
}
