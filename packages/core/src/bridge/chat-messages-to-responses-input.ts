import { GatewayError } from '../errors/gateway-error.js';
import type { ChatContentPart, ChatMessage } from './chat-api.js';
import { unsupportedValue } from './bridge-errors.js';
import { withoutUndefined, type JsonObject } from './json-object.js';

export interface ResponsesInput {
  /** The system and developer messages before the first user turn, joined: Responses carries them as `instructions`. */
  readonly instructions: string | undefined;
  readonly input: JsonObject[];
}

/**
 * Chat `messages` → Responses `instructions` + `input` items. System and developer messages
 * that come before the first user turn become `instructions`; later ones keep their position
 * as input messages of their own role, so an instruction given mid-conversation still applies
 * from there on.
 */
export function chatMessagesToResponsesInput(messages: readonly ChatMessage[]): ResponsesInput {
  const instructions: string[] = [];
  const input: JsonObject[] = [];
  let conversationStarted = false;
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        if (conversationStarted) input.push({ role: message.role, content: textOf(message.content) });
        else instructions.push(textOf(message.content));
        break;
      case 'user':
        conversationStarted = true;
        input.push({ role: 'user', content: userContent(message.content, param) });
        break;
      case 'assistant':
        conversationStarted = true;
        input.push(...assistantItems(message, param, index));
        break;
      case 'tool':
        conversationStarted = true;
        if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '') {
          throw new GatewayError('missing_required_parameter', `Missing required parameter: '${param}.tool_call_id'.`, { param: `${param}.tool_call_id` });
        }
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

/**
 * The assistant's earlier turn as spec-valid input items, then its tool calls (as
 * function_call items). Plain text is an easy input message (`content` a string); content
 * parts or a refusal (a `refusal` part or the message's own `refusal`) make an output message
 * (`output_text` / `refusal` parts, with the `id` and `status` the spec requires). An
 * audio answer cannot be replayed to the Responses API and is refused rather than dropped.
 */
function assistantItems(message: ChatMessage, param: string, position: number): JsonObject[] {
  if (message.audio != null && (message.content == null || message.content === '' || (Array.isArray(message.content) && message.content.length === 0))) {
    throw unsupportedValue('chat-to-responses', `${param}.audio`, 'an assistant audio turn');
  }
  const items: JsonObject[] = [];
  const parts: JsonObject[] = [];
  const content = message.content;
  if (typeof content === 'string') {
    if (content !== '') parts.push({ type: 'output_text', text: content, annotations: [] });
  } else if (Array.isArray(content)) {
    content.forEach((part: ChatContentPart, index) => {
      if (part.type === 'text') parts.push({ type: 'output_text', text: part.text ?? '', annotations: [] });
      else if (part.type === 'refusal') parts.push({ type: 'refusal', refusal: part.refusal ?? '' });
      else throw unsupportedValue('chat-to-responses', `${param}.content[${index}].type`, part.type);
    });
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') parts.push({ type: 'refusal', refusal: message.refusal });
  if (typeof content === 'string' && parts.length === 1) {
    items.push({ role: 'assistant', content });
  } else if (parts.length > 0) {
    items.push({ type: 'message', id: `msg_history_${position}`, role: 'assistant', status: 'completed', content: parts });
  }
  for (const call of message.tool_calls ?? []) {
    items.push({ type: 'function_call', call_id: call.id, name: call.function?.name, arguments: call.function?.arguments ?? '' });
  }
  return items;
}
