import type { ChatAnnotation, ChatToolCall } from './chat-api.js';
import type { ResponsesItem, ResponsesObject } from './responses-api.js';
import { upstreamStreamError } from './bridge-errors.js';
import { toChatFinishReason } from './map-finish-reason.js';
import { toChatUsage } from './map-usage.js';

/** A Response object → the `chat.completion` a Chat Completions client expects. */
export function responsesToChatResponse(response: ResponsesObject): Record<string, unknown> {
  if (response.status === 'failed') throw upstreamStreamError(response.error?.message, response.error?.code);
  const output = response.output ?? [];
  const toolCalls = output.filter((item) => item.type === 'function_call').map(toChatToolCall);
  const { text, refusal, annotations } = messageContent(output);
  const message: Record<string, unknown> = { role: 'assistant', content: text, refusal, annotations };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const completion: Record<string, unknown> = {
    id: response.id,
    object: 'chat.completion',
    created: Math.floor(response.created_at ?? 0),
    model: response.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: toChatFinishReason({
          hasToolCalls: toolCalls.length > 0,
          status: response.status,
          incompleteReason: response.incomplete_details?.reason,
        }),
      },
    ],
  };
  if (response.usage) completion.usage = toChatUsage(response.usage);
  if (response.service_tier != null) completion.service_tier = response.service_tier;
  return completion;
}

export function toChatToolCall(item: ResponsesItem): ChatToolCall {
  return { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments ?? '' } };
}

interface MessageContent {
  readonly text: string | null;
  readonly refusal: string | null;
  readonly annotations: ChatAnnotation[];
}

/** Joins the text (and refusal) parts of every output message; reasoning items are not shown. */
function messageContent(output: readonly ResponsesItem[]): MessageContent {
  let text: string | null = null;
  let refusal: string | null = null;
  const annotations: ChatAnnotation[] = [];
  for (const item of output) {
    if (item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (part.type === 'output_text') {
        // Chat annotations index into the whole content string, so offsets shift by what precedes.
        const offset = text?.length ?? 0;
        for (const annotation of part.annotations ?? []) {
          if (annotation.type !== 'url_citation') continue;
          annotations.push({
            type: 'url_citation',
            url_citation: {
              url: annotation.url ?? '',
              title: annotation.title ?? '',
              start_index: (annotation.start_index ?? 0) + offset,
              end_index: (annotation.end_index ?? 0) + offset,
            },
          });
        }
        text = (text ?? '') + (part.text ?? '');
      } else if (part.type === 'refusal') {
        refusal = (refusal ?? '') + (part.refusal ?? '');
      }
    }
  }
  return { text, refusal, annotations };
}
