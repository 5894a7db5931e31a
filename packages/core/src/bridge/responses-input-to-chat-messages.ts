import type { ResponsesContentPart, ResponsesItem } from './responses-api.js';
import { unsupportedValue } from './bridge-errors.js';
import { withoutUndefined, type JsonObject } from './json-object.js';

/** Responses `instructions` + `input` → Chat `messages` (instructions first, as a system message). */
export function responsesInputToChatMessages(instructions: string | null | undefined, input: string | readonly ResponsesItem[] | undefined): JsonObject[] {
  const messages: JsonObject[] = [];
  if (instructions) messages.push({ role: 'system', content: instructions });
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    return messages;
  }
  (input ?? []).forEach((item, index) => {
    const param = `input[${index}]`;
    switch (item.type ?? 'message') {
      case 'message':
        messages.push(messageOf(item, param));
        break;
      case 'function_call':
        addToolCall(messages, item);
        break;
      case 'function_call_output':
        messages.push({ role: 'tool', tool_call_id: item.call_id, content: outputText(item.output, `${param}.output`) });
        break;
      case 'reasoning':
        // Reasoning items (often encrypted) mean nothing to a Chat Completions model.
        break;
      default:
        throw unsupportedValue('responses-to-chat', `${param}.type`, item.type);
    }
  });
  return messages;
}

function messageOf(item: ResponsesItem, param: string): JsonObject {
  const content = item.content;
  switch (item.role) {
    case 'system':
    case 'developer':
      // Many OpenAI-compatible servers reject the `developer` role; `system` means the same there.
      return { role: 'system', content: joinText(content) };
    case 'assistant': {
      const parts = typeof content === 'string' ? [] : (content ?? []);
      const refusal = parts.filter((part) => part.type === 'refusal').map((part) => part.refusal ?? '');
      const message: JsonObject = { role: 'assistant', content: joinText(content) };
      if (refusal.length > 0) message.refusal = refusal.join('');
      return message;
    }
    case 'user':
      if (typeof content === 'string') return { role: 'user', content };
      return { role: 'user', content: (content ?? []).map((part, index) => userPart(part, `${param}.content[${index}]`)) };
    default:
      throw unsupportedValue('responses-to-chat', `${param}.role`, item.role);
  }
}

function userPart(part: ResponsesContentPart, param: string): JsonObject {
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      if (!part.image_url) throw unsupportedValue('responses-to-chat', `${param}.file_id`, part.file_id);
      return { type: 'image_url', image_url: withoutUndefined({ url: part.image_url, detail: chatImageDetail(part.detail) }) };
    case 'input_file':
      if (part.file_url !== undefined) throw unsupportedValue('responses-to-chat', `${param}.file_url`, part.file_url);
      return { type: 'file', file: withoutUndefined({ file_id: part.file_id ?? undefined, file_data: part.file_data, filename: part.filename }) };
    default:
      throw unsupportedValue('responses-to-chat', `${param}.type`, part.type);
  }
}

/** Chat accepts auto, low and high; Responses adds `original`, which has no Chat counterpart. */
function chatImageDetail(detail: string | undefined): string | undefined {
  return detail === 'auto' || detail === 'low' || detail === 'high' ? detail : undefined;
}

function joinText(content: ResponsesItem['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

function outputText(output: ResponsesItem['output'], param: string): string {
  if (typeof output === 'string' || output === undefined) return output ?? '';
  return output
    .map((part, index) => {
      if (part.type !== 'input_text') throw unsupportedValue('responses-to-chat', `${param}[${index}].type`, part.type);
      return part.text ?? '';
    })
    .join('');
}

/** Consecutive function calls (and the text just before them) form one assistant message. */
function addToolCall(messages: JsonObject[], item: ResponsesItem): void {
  const call = { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments ?? '' } };
  const last = messages.at(-1);
  if (last?.role === 'assistant') {
    const calls = Array.isArray(last.tool_calls) ? last.tool_calls : [];
    last.tool_calls = [...calls, call];
    if (last.content === '') last.content = null;
    return;
  }
  messages.push({ role: 'assistant', content: null, tool_calls: [call] });
}
