/** Anthropic `stop_reason` → OpenAI `finish_reason`. https://docs.anthropic.com/en/api/handling-stop-reasons */
export function mapStopReason(reason: unknown, sawToolUse: boolean): string {
  switch (reason) {
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn; a tool_use block without the reason still means tool calls.
      return sawToolUse ? 'tool_calls' : 'stop';
  }
}
