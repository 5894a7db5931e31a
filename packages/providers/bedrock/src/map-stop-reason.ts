/**
 * Converse `stopReason` → OpenAI `finish_reason`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html).
 * A guardrail or content filter that stopped the answer is `content_filter`.
 */
export function mapStopReason(reason: unknown, hasToolCalls: boolean): string {
  switch (reason) {
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
