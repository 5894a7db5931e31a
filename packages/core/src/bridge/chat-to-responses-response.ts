import type { ChatAnnotation, ChatCompletion } from './chat-api.js';
import type { ResponsesRequest } from './responses-api.js';
import { toResponsesCompletion } from './map-finish-reason.js';
import { toResponsesUsage } from './map-usage.js';
import { bridgedIds, functionCallItemId, responseObject } from './response-object.js';

/** A `chat.completion` → the Response object a Responses client expects. */
export function chatToResponsesResponse(completion: ChatCompletion, request: ResponsesRequest): Record<string, unknown> {
  const choice = completion.choices?.[0];
  const message = choice?.message ?? {};
  const { status, incomplete_details } = toResponsesCompletion(choice?.finish_reason);
  const ids = bridgedIds(completion.id);
  const output: Record<string, unknown>[] = [];
  const content: Record<string, unknown>[] = [];
  if (typeof message.content === 'string' && message.content !== '') {
    content.push({ type: 'output_text', text: message.content, annotations: (message.annotations ?? []).flatMap(toResponsesAnnotation), logprobs: [] });
  }
  if (message.refusal) content.push({ type: 'refusal', refusal: message.refusal });
  if (content.length > 0) {
    output.push({ id: ids.message(0), type: 'message', status, role: 'assistant', content });
  }
  for (const call of message.tool_calls ?? []) {
    const callId = call.id ?? '';
    output.push({
      id: functionCallItemId(callId),
      type: 'function_call',
      // A call cut off by the output limit (finish_reason length) is incomplete, not completed.
      status: status === 'incomplete' ? 'incomplete' : 'completed',
      call_id: callId,
      name: call.function?.name ?? '',
      arguments: call.function?.arguments ?? '',
    });
  }
  return responseObject(request, {
    id: ids.response,
    createdAt: completion.created ?? 0,
    model: completion.model ?? '',
    status,
    incompleteDetails: incomplete_details,
    output,
    usage: toResponsesUsage(completion.usage),
    serviceTier: completion.service_tier,
  });
}

export function toResponsesAnnotation(annotation: ChatAnnotation): Record<string, unknown>[] {
  const citation = annotation.url_citation;
  if (annotation.type !== 'url_citation' || citation === undefined) return [];
  return [{ type: 'url_citation', url: citation.url, title: citation.title, start_index: citation.start_index, end_index: citation.end_index }];
}
