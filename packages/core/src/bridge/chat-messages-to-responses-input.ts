import type { ChatContentPart, ChatMessage } from './chat-api.js';
import { unsupportedValue } from './bridge-errors.js';
import { withoutUndefined, type JsonObject } from './json-object.js';

export interface ResponsesInput {
  /** System and developer messages, joined: Responses carries them as `instructions`. */
  readonly instructions: string | undefined;
  readonly input: JsonObject[];
}

/** Chat `messages` → Responses `instructions` + `input` items. */
export function chatMessagesToResponsesInput(messages: readonly ChatMessage[]): ResponsesInput {
  const instructions: string[] = [];
  const input: JsonObject[] = [];
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        instructions.push(textOf(message.content));
        break;
      case 'user':
        input.push({ role: 'user', content: userContent(message.content, param) });
        break;
      case 'assistant':
        input.push(...assistantItems(message, param));
        break;
      case 'tool':
        input.push({ type: 'function_call_output', call_id: message.tool_call_id, output: textOf(message.content) });
        break;
      default:
        throw unsupportedValue('chat-to-responses', `${param}.role`, message.role);
    }
  });
  return { instructions: instructions.length > 0 ? instructions.join('\n\n') : undefined, input };
}

function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

function userContent(content: ChatMessage['content'], param: string): string | JsonObject[] {
  if (typeof content === 'string' || content == null) return content ?? '';
  return content.map((part, index) => userPart(part, `${param}.content[${index}]`));
}

function userPart(part: ChatContentPart, param: string): JsonObject {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image_url':
      // `detail` is required on input_image; Chat's default is `auto`.
      return { type: 'input_image', image_url: part.image_url?.url, detail: part.image_url?.detail ?? 'auto' };
    case 'file':
      return withoutUndefined({ type: 'input_file', file_id: part.file?.file_id, file_data: part.file?.file_data, filename: part.file?.filename });
    default:
      throw unsupportedValue('chat-to-responses', `${param}.type`, part.type);
  }
}

/** The assistant's earlier text (as a message) followed by its tool calls (as function_call items). */
function assistantItems(message: ChatMessage, param: string): JsonObject[] {
  const items: JsonObject[] = [];
  const content = message.content;
  if (typeof content === 'string' && content !== '') {
    items.push({ role: 'assistant', content });
  } else if (Array.isArray(content) && content.length > 0) {
    const parts = content.map((part: ChatContentPart, index) => {
      if (part.type === 'text') return { type: 'output_text', text: part.text };
      if (part.type === 'refusal') return { type: 'refusal', refusal: part.refusal };
      throw unsupportedValue('chat-to-responses', `${param}.content[${index}].type`, part.type);
    });
    items.push({ role: 'assistant', content: parts });
  }
  for (const call of message.tool_calls ?? []) {
    items.push({ type: 'function_call', call_id: call.id, name: call.function?.name, arguments: call.function?.arguments ?? '' });
  }
  return items;
}
