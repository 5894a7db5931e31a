/**
 * The Chat Completions fields the bridges read or write, from the OpenAI OpenAPI spec
 * (CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse).
 * Only what the bridges touch; everything else passes through untyped.
 */

export interface ChatContentPart {
  readonly type: string;
  readonly text?: string;
  readonly refusal?: string;
  readonly image_url?: { readonly url: string; readonly detail?: string };
  readonly file?: { readonly file_id?: string; readonly file_data?: string; readonly filename?: string };
}

export interface ChatToolCall {
  readonly id?: string;
  readonly type?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

export interface ChatMessage {
  readonly role: string;
  readonly content?: string | readonly ChatContentPart[] | null;
  readonly refusal?: string | null;
  readonly tool_calls?: readonly ChatToolCall[];
  readonly tool_call_id?: string;
  /** An earlier assistant audio answer, by id (`{ id: 'audio_…' }`). */
  readonly audio?: { readonly id?: string } | null;
}

export interface ChatFunctionTool {
  readonly type: string;
  readonly function?: { readonly name: string; readonly description?: string; readonly parameters?: unknown; readonly strict?: boolean | null };
}

export interface ChatUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly total_tokens?: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number; readonly cache_write_tokens?: number } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number } | null;
}

export interface ChatAnnotation {
  readonly type: string;
  readonly url_citation?: { readonly url: string; readonly title: string; readonly start_index: number; readonly end_index: number };
}

export interface ChatCompletion {
  readonly id?: string;
  readonly created?: number;
  readonly model?: string;
  readonly service_tier?: string | null;
  readonly choices?: readonly {
    readonly index?: number;
    readonly message?: {
      readonly content?: string | null;
      readonly refusal?: string | null;
      readonly tool_calls?: readonly ChatToolCall[];
      readonly annotations?: readonly ChatAnnotation[];
    };
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: ChatUsage | null;
}

export interface ChatToolCallDelta extends ChatToolCall {
  readonly index: number;
}

export interface ChatChunk {
  readonly id?: string;
  readonly created?: number;
  readonly model?: string;
  readonly service_tier?: string | null;
  readonly choices?: readonly {
    readonly index?: number;
    readonly delta?: {
      readonly role?: string;
      readonly content?: string | null;
      readonly refusal?: string | null;
      readonly tool_calls?: readonly ChatToolCallDelta[];
    };
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: ChatUsage | null;
  /** Some OpenAI-compatible servers report a mid-stream failure as a chunk with an error. */
  readonly error?: { readonly message?: string; readonly code?: string | null; readonly type?: string };
}
