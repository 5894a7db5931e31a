import type { ChatCompletion } from './chat-api.js';
import type { JsonObject } from './json-object.js';
import type { MessagesResponse } from './messages-api.js';
import { chatToMessagesUsage, toMessagesStopReason } from './messages-usage.js';

/**
 * A Chat completion → the Message an Anthropic client expects: `reasoning_content` as a
 * thinking block, then the text, then one `tool_use` block per tool call. `model` is the name
 * the client asked for.
 */
export function chatToMessagesResponse(completion: ChatCompletion, model: string): MessagesResponse {
  const choice = completion.choices?.[0];
  const message = (choice?.message ?? {}) as NonNullable<NonNullable<ChatCompletion['choices']>[number]['message']> & { reasoning_content?: unknown };
  const content: JsonObject[] = [];
  if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '') {
    content.push({ type: 'thinking', thinking: message.reasoning_content, signature: '' });
  }
  const text = message.content ?? message.refusal;
  if (typeof text === 'string' && text !== '') content.push({ type: 'text', text });
  for (const call of message.tool_calls ?? []) {
    content.push({ type: 'tool_use', id: call.id ?? '', name: call.function?.name ?? '', input: parseArguments(call.function?.arguments) });
  }
  return {
    id: messageId(completion.id),
    type: 'message',
    role: 'assistant',
    model,
    content: content as unknown as MessagesResponse['content'],
    stop_reason: toMessagesStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: chatToMessagesUsage(completion.usage),
  };
}

/** `msg_` + the upstream id, so a support ticket can still find the upstream call. */
export function messageId(chatId: string | undefined): string {
  return `msg_${chatId === undefined || chatId === '' ? Date.now().toString(36) : chatId}`;
}

/**
 * Tool arguments as the `input` object. Arguments cut short (finish_reason `length`) do not
 * parse: `{}` then, with stop_reason `max_tokens` telling the client why.
 */
export function parseArguments(text: string | undefined): unknown {
  if (text === undefined || text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
