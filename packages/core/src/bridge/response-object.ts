import type { ResponsesRequest } from './responses-api.js';

export interface ResponseObjectFields {
  readonly id: string;
  readonly createdAt: number;
  readonly model: string;
  readonly status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  readonly incompleteDetails: { readonly reason: string } | null;
  readonly output: readonly unknown[];
  readonly usage: Record<string, unknown> | null;
  readonly serviceTier: string | null | undefined;
  /** A failed Response's `error` ({code, message}); null otherwise. */
  readonly error?: { readonly code: string | null; readonly message: string } | null;
}

/**
 * A complete Response object: the generated fields plus the request settings a Response
 * echoes back (the spec requires tools, tool_choice, temperature, … to be present).
 */
export function responseObject(request: ResponsesRequest, fields: ResponseObjectFields): Record<string, unknown> {
  const text: Record<string, unknown> = { format: request.text?.format ?? { type: 'text' } };
  if (request.text?.verbosity !== undefined) text.verbosity = request.text.verbosity;
  const response: Record<string, unknown> = {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.status,
    background: false,
    completed_at: fields.status === 'completed' ? fields.createdAt : null,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteDetails,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: null },
    // Nothing is stored: a bridged Response cannot be fetched again by id.
    store: false,
    temperature: request.temperature ?? 1,
    text,
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: 'disabled',
    usage: fields.usage,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
  };
  if (fields.serviceTier != null) response.service_tier = fields.serviceTier;
  return response;
}

/** Ids for a bridged Response and its items, derived from the upstream completion id. */
export function bridgedIds(completionId: string | undefined): { readonly response: string; message(outputIndex: number): string } {
  const base = (completionId ?? '').replace(/^chatcmpl-/, '') || 'bridged';
  return {
    response: `resp_${base}`,
    message: (outputIndex) => (outputIndex === 0 ? `msg_${base}` : `msg_${base}_${outputIndex}`),
  };
}

/** A function_call output item's id, from the call id the model chose. */
export function functionCallItemId(callId: string): string {
  return `fc_${callId.replace(/^call_/, '')}`;
}
