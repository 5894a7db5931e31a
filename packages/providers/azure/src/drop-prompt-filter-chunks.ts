import type { GatewayResponse, SseEvent } from '@switchyard/core';

/**
 * Azure OpenAI opens a chat stream with an event of its own: `prompt_filter_results` with an
 * empty `id`, `object` and `model` and no choices
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter#streaming).
 * No OpenAI client expects it: it breaks "one id per stream", and a `choices: []` chunk
 * without usage reads as the usage chunk. It is left out; the filter verdicts that matter
 * arrive on the choices (`content_filter_results`, `finish_reason: "content_filter"`).
 */
export function dropPromptFilterChunks(response: GatewayResponse): GatewayResponse {
  if (response.kind !== 'stream') return response;
  return { ...response, events: withoutPromptFilterChunks(response.events) };
}

async function* withoutPromptFilterChunks(events: AsyncIterable<SseEvent>): AsyncGenerator<SseEvent> {
  for await (const event of events) {
    const data = event.data as { object?: unknown; choices?: unknown; prompt_filter_results?: unknown } | null;
    if (typeof data === 'object' && data !== null && data.prompt_filter_results !== undefined && data.object === '' && Array.isArray(data.choices) && data.choices.length === 0) continue;
    yield event;
  }
}
