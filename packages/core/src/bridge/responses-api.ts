/**
 * The Responses API fields the bridges read or write, from the OpenAI OpenAPI spec
 * (CreateResponse, Response, ResponseStreamEvent and the response.* events). Only what the
 * bridges touch; everything else passes through untyped.
 */

export interface ResponsesContentPart {
  readonly type: string;
  readonly text?: string;
  readonly refusal?: string;
  readonly image_url?: string | null;
  readonly file_id?: string | null;
  readonly file_data?: string;
  readonly file_url?: string;
  readonly filename?: string;
  readonly detail?: string;
  readonly annotations?: readonly ResponsesAnnotation[];
}

export interface ResponsesAnnotation {
  readonly type: string;
  readonly url?: string;
  readonly title?: string;
  readonly start_index?: number;
  readonly end_index?: number;
}

/** An input or output item: a message, a function call, a function call's output, … */
export interface ResponsesItem {
  readonly type?: string;
  readonly id?: string;
  readonly role?: string;
  readonly status?: string;
  readonly content?: string | readonly ResponsesContentPart[];
  readonly call_id?: string;
  readonly name?: string;
  readonly arguments?: string;
  readonly output?: string | readonly ResponsesContentPart[];
}

export interface ResponsesTool {
  readonly type: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly parameters?: unknown;
  readonly strict?: boolean | null;
}

export interface ResponsesUsage {
  readonly input_tokens?: number;
  readonly input_tokens_details?: { readonly cached_tokens?: number; readonly cache_write_tokens?: number } | null;
  readonly output_tokens?: number;
  readonly output_tokens_details?: { readonly reasoning_tokens?: number } | null;
  readonly total_tokens?: number;
}

export interface ResponsesObject {
  readonly id?: string;
  readonly created_at?: number;
  readonly model?: string;
  readonly status?: string;
  readonly service_tier?: string | null;
  readonly error?: { readonly code?: string | null; readonly message?: string } | null;
  readonly incomplete_details?: { readonly reason?: string } | null;
  readonly output?: readonly ResponsesItem[];
  readonly usage?: ResponsesUsage | null;
}

/** One Responses stream event; which fields are set depends on `type`. */
export interface ResponsesStreamEvent {
  readonly type?: string;
  readonly response?: ResponsesObject;
  readonly item?: ResponsesItem;
  readonly item_id?: string;
  readonly output_index?: number;
  readonly delta?: string;
  readonly arguments?: string;
  readonly code?: string | null;
  readonly message?: string;
  readonly param?: string | null;
}

/** The request fields the Responses → Chat bridge reads (and echoes back in the Response object). */
export interface ResponsesRequest {
  readonly model?: string;
  readonly input?: string | readonly ResponsesItem[];
  readonly instructions?: string | null;
  readonly tools?: readonly ResponsesTool[];
  readonly tool_choice?: unknown;
  readonly text?: { readonly format?: { readonly type: string; readonly [key: string]: unknown }; readonly verbosity?: string } | null;
  readonly reasoning?: { readonly effort?: string | null; readonly summary?: string | null } | null;
  readonly max_output_tokens?: number | null;
  readonly parallel_tool_calls?: boolean | null;
  readonly temperature?: number | null;
  readonly top_p?: number | null;
  readonly user?: string;
  readonly metadata?: Record<string, string> | null;
  readonly stream?: boolean | null;
}
