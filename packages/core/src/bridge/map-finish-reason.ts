export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ResponsesCompletion {
  readonly status: 'completed' | 'incomplete';
  readonly incomplete_details: { readonly reason: 'max_output_tokens' | 'content_filter' } | null;
}

/** A Response's status (and why it is incomplete) → the Chat Completions finish_reason. */
export function toChatFinishReason(options: {
  readonly hasToolCalls: boolean;
  readonly status: string | undefined;
  readonly incompleteReason: string | undefined;
}): ChatFinishReason {
  // Cut off first: a function call cut by max_output_tokens has truncated arguments, which a
  // client must not run as if the call were complete.
  if (options.status === 'incomplete') {
    if (options.incompleteReason === 'max_output_tokens') return 'length';
    if (options.incompleteReason === 'content_filter') return 'content_filter';
  }
  if (options.hasToolCalls) return 'tool_calls';
  return 'stop';
}

/** A Chat Completions finish_reason → the Response's status, as OpenAI reports a cut-off answer. */
export function toResponsesCompletion(finishReason: string | null | undefined): ResponsesCompletion {
  if (finishReason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}
