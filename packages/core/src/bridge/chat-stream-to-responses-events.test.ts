import { describe, expect, it } from 'vitest';
import { collect, dataOf, eventsOf, fixtureEvents, openaiClientAnswering } from './__fixtures__/fixtures.js';
import { chatStreamToResponsesEvents } from './chat-stream-to-responses-events.js';

const request = { model: 'llama-3.3-70b-instruct', input: 'Weather in Paris and Tokyo?', stream: true };

describe('chatStreamToResponsesEvents', () => {
  it('emits the Responses event sequence in OpenAI order for text followed by two tool calls', async () => {
    const events = await collect(chatStreamToResponsesEvents(fixtureEvents('chat-parallel-tool-calls.chunks.txt'), request));
    const data = dataOf(events);
    expect(data.map((event) => [event.type, event.output_index ?? null])).toEqual([
      ['response.created', null],
      ['response.in_progress', null],
      ['response.output_item.added', 0],
      ['response.content_part.added', 0],
      ['response.output_text.delta', 0],
      ['response.output_text.delta', 0],
      ['response.output_text.done', 0],
      ['response.content_part.done', 0],
      ['response.output_item.done', 0],
      ['response.output_item.added', 1],
      ['response.function_call_arguments.delta', 1],
      ['response.function_call_arguments.delta', 1],
      ['response.output_item.added', 2],
      ['response.function_call_arguments.delta', 2],
      ['response.function_call_arguments.done', 1],
      ['response.output_item.done', 1],
      ['response.function_call_arguments.done', 2],
      ['response.output_item.done', 2],
      ['response.completed', null],
    ]);
    expect(data.map((event) => event.sequence_number)).toEqual(data.map((_, index) => index));
    expect(events.every((event) => event.event === (event.data as { type: string }).type)).toBe(true);
  });

  it('announces a created Response in progress and completes it with the full output and usage', async () => {
    const data = dataOf(await collect(chatStreamToResponsesEvents(fixtureEvents('chat-parallel-tool-calls.chunks.txt'), request)));
    const created = data[0].response;
    expect(created).toMatchObject({ id: 'resp_C1a2b3c4d5e6f7g8h9', object: 'response', created_at: 1755443400, status: 'in_progress', output: [], usage: null });
    const completed = data.at(-1).response;
    expect(completed.status).toBe('completed');
    expect(completed.output).toEqual([
      {
        id: 'msg_C1a2b3c4d5e6f7g8h9',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Checking both.', annotations: [], logprobs: [] }],
      },
      { id: 'fc_abc123', type: 'function_call', status: 'completed', call_id: 'call_abc123', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'fc_def456', type: 'function_call', status: 'completed', call_id: 'call_def456', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
    ]);
    expect(completed.usage).toEqual({
      input_tokens: 82,
      input_tokens_details: { cached_tokens: 64, cache_write_tokens: 0 },
      output_tokens: 41,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 123,
    });
  });

  it('ends a completion cut at the token limit with response.incomplete', async () => {
    const data = dataOf(await collect(chatStreamToResponsesEvents(fixtureEvents('chat-text-length.chunks.txt'), request)));
    const last = data.at(-1);
    expect(last.type).toBe('response.incomplete');
    expect(last.response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(last.response.output[0]).toMatchObject({ status: 'incomplete', content: [{ type: 'output_text', text: 'Once upon a time' }] });
  });

  it('ends with error then response.failed when the upstream stops before a finish_reason, or reports an error', async () => {
    const cut = eventsOf([{ id: 'chatcmpl-1', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] }]);
    const cutEvents = await collect(chatStreamToResponsesEvents(cut, request));
    const [error, failed] = cutEvents.slice(-2);
    expect(error).toMatchObject({ event: 'error', data: { type: 'error', code: 'upstream_invalid_response', param: null } });
    expect(failed).toMatchObject({ event: 'response.failed', data: { type: 'response.failed', response: { status: 'failed', error: { code: 'upstream_invalid_response' } } } });
    // Numbered in sequence after the events before them; the open message is closed, not left in progress.
    expect(dataOf(cutEvents).map((data) => data.sequence_number)).toEqual(cutEvents.map((_event, index) => index));
    expect(cutEvents.map((event) => event.event)).toContain('response.output_item.done');

    const reported = eventsOf([{ error: { message: 'CUDA out of memory', code: null } }]);
    const reportedEvents = dataOf(await collect(chatStreamToResponsesEvents(reported, request)));
    expect(reportedEvents).toMatchObject([
      { type: 'error', code: 'upstream_error', message: 'CUDA out of memory', sequence_number: 0 },
      { type: 'response.failed', sequence_number: 1, response: { status: 'failed', error: { message: 'CUDA out of memory' } } },
    ]);
  });

  it('is accumulated by the official openai client into the final Response', async () => {
    const events = await collect(chatStreamToResponsesEvents(fixtureEvents('chat-parallel-tool-calls.chunks.txt'), request));
    const stream = openaiClientAnswering(events).responses.stream({ model: 'llama-3.3-70b-instruct', input: 'Weather in Paris and Tokyo?' });
    const response = await stream.finalResponse();
    expect(response.output_text).toBe('Checking both.');
    expect(response.output.filter((item) => item.type === 'function_call').map((item) => item.type === 'function_call' && item.arguments)).toEqual([
      '{"city":"Paris"}',
      '{"city":"Tokyo"}',
    ]);
    expect(response.usage?.total_tokens).toBe(123);
  });
});
