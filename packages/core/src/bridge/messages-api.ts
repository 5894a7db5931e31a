/**
 * The Anthropic Messages API fields the Messages ⇄ Chat bridge reads or writes, from Anthropic's
 * OpenAPI spec (CreateMessageParams, Message, the MessageStreamEvent union). Only what the
 * bridge touches.
 */

export interface MessagesTextBlock {
  readonly type: 'text';
  readonly text: string;
}

export interface MessagesImageBlock {
  readonly type: 'image';
  readonly source:
    | { readonly type: 'base64'; readonly media_type: string; readonly data: string }
    | { readonly type: 'url'; readonly url: string };
}

export interface MessagesToolUseBlock {
  readonly type: 'tool_use';
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

export interface MessagesToolResultBlock {
  readonly type: 'tool_result';
  readonly tool_use_id: string;
  readonly content?: string | readonly MessagesContentBlock[];
  readonly is_error?: boolean;
}

export interface MessagesThinkingBlock {
  readonly type: 'thinking';
  readonly thinking: string;
  readonly signature: string;
}

export type MessagesContentBlock =
  | MessagesTextBlock
  | MessagesImageBlock
  | MessagesToolUseBlock
  | MessagesToolResultBlock
  | MessagesThinkingBlock
  | { readonly type: string };

export interface MessagesParam {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly MessagesContentBlock[];
}

export interface MessagesTool {
  readonly name: string;
  readonly description?: string;
  readonly input_schema?: unknown;
  readonly type?: string;
}

export interface MessagesRequest {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: readonly MessagesParam[];
  readonly system?: string | readonly MessagesTextBlock[];
  readonly stop_sequences?: readonly string[];
  readonly stream?: boolean;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly metadata?: { readonly user_id?: string | null };
  readonly tools?: readonly MessagesTool[];
  readonly tool_choice?: { readonly type: 'auto' | 'any' | 'tool' | 'none'; readonly name?: string; readonly disable_parallel_tool_use?: boolean };
  readonly thinking?: { readonly type: 'enabled' | 'disabled' | 'adaptive'; readonly budget_tokens?: number };
}

export type MessagesStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface MessagesResponse {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly MessagesContentBlock[];
  readonly stop_reason: MessagesStopReason | null;
  readonly stop_sequence: string | null;
  readonly usage: MessagesUsage;
}
