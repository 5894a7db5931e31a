import { describe, expect, it } from 'vitest';
import { SSE_DONE } from '../http/gateway-response.js';
import { collect, dataOf, eventsOf, fixtureEvents, openaiClientAnswering } from './__fixtures__/fixtures.js';
import { responsesStreamToChatChunks } from './responses-stream-to-chat-chunks.js';

async function chunks(fixture: string, includeUsage: boolean) {
  return collect(responsesStreamToChatChunks(fixtureEvents(fixture), { includeUsage }));
}

describe('responsesStreamToChatChunks', () => {
  it('streams text as OpenAI chunks: role first, content deltas, finish_reason, [DONE]', async () => {
    const events = await chunks('responses-text.chunks.txt', false);
    const header = { id: 'resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41', object: 'chat.completion.chunk', created: 1755443394, model: 'gpt-5.5-pro-2026-04-23', service_tier: 'auto' };
    expect(dataOf(events)).toEqual([
      { ...header, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, logprobs: null, finish_reason: null }] },
      { ...header, choices: [{ index: 0, delta: { content: ' there!' }, logprobs: null, finish_reason: null }] },
      // response.created said `auto` (what was asked); response.completed says what served: `default`.
      { ...header, service_tier: 'default', choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] },
      SSE_DONE,
    ]);
    expect(events.every((event) => event.event === undefined)).toBe(true);
  });

  it('with include_usage: usage null on every chunk, then one usage chunk with "choices": []', async () => {
    const data = dataOf(await chunks('responses-text.chunks.txt', true));
    expect(data.slice(0, 3).map((chunk) => chunk.usage)).toEqual([null, null, null]);
    expect(data[3]).toEqual({
      id: 'resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41',
      object: 'chat.completion.chunk',
      created: 1755443394,
      model: 'gpt-5.5-pro-2026-04-23',
      service_tier: 'default',
      choices: [],
      usage: {
        prompt_tokens: 19,
        completion_tokens: 4,
        total_tokens: 23,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(data[4]).toBe(SSE_DONE);
  });

  it('gives two parallel tool calls distinct indexes 0 and 1', async () => {
    const data = dataOf(await chunks('responses-parallel-tool-calls.chunks.txt', false));
    const deltas = data.filter((chunk) => chunk !== SSE_DONE).map((chunk) => chunk.choices[0].delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_Paris0001', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      { tool_calls: [{ index: 1, id: 'call_Tokyo0002', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '"Tokyo"}' } }] },
      {},
    ]);
    expect(data.at(-2).choices[0].finish_reason).toBe('tool_calls');
  });

  it('routes interleaved argument deltas to their own call by item id', async () => {
    const call = (id: string, callId: string) => ({ type: 'function_call', id, call_id: callId, name: 'lookup', arguments: '', status: 'in_progress' });
    const events = eventsOf([
      { type: 'response.created', response: { id: 'resp_x', created_at: 1, model: 'm', status: 'in_progress' } },
      { type: 'response.output_item.added', output_index: 0, item: call('fc_a', 'call_a') },
      { type: 'response.output_item.added', output_index: 1, item: call('fc_b', 'call_b') },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_b', output_index: 1, delta: '{"q":"b"}' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_a', output_index: 0, delta: '{"q":"a"}' },
      { type: 'response.completed', response: { id: 'resp_x', status: 'completed', output: [] } },
    ]);
    const deltas = dataOf(await collect(responsesStreamToChatChunks(events, { includeUsage: false })))
      .filter((chunk) => chunk !== SSE_DONE)
      .flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
    expect(deltas.filter((delta) => delta.function.arguments !== '')).toEqual([
      { index: 1, function: { arguments: '{"q":"b"}' } },
      { index: 0, function: { arguments: '{"q":"a"}' } },
    ]);
  });

  it('ends an answer cut at max_output_tokens with finish_reason length', async () => {
    const data = dataOf(await chunks('responses-incomplete.chunks.txt', true));
    expect(data.map((chunk) => (chunk === SSE_DONE ? SSE_DONE : chunk.choices.length === 0 ? 'usage' : chunk.choices[0].finish_reason))).toEqual([
      null,
      null,
      'length',
      'usage',
      SSE_DONE,
    ]);
  });

  it('throws the upstream error on response.failed and on an error event', async () => {
    const failed = eventsOf([
      { type: 'response.created', response: { id: 'resp_x', created_at: 1, model: 'm' } },
      { type: 'response.failed', response: { id: 'resp_x', status: 'failed', error: { code: 'server_error', message: 'Upstream fell over.' } } },
    ]);
    await expect(collect(responsesStreamToChatChunks(failed, { includeUsage: false }))).rejects.toMatchObject({ code: 'server_error', message: 'Upstream fell over.' });
    const error = eventsOf([{ type: 'error', code: 'rate_limit_exceeded', message: 'Slow down.', param: null, sequence_number: 0 }]);
    await expect(collect(responsesStreamToChatChunks(error, { includeUsage: false }))).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('throws when the upstream stream stops before response.completed', async () => {
    const cut = eventsOf([{ type: 'response.created', response: { id: 'resp_x', created_at: 1, model: 'm' } }]);
    await expect(collect(responsesStreamToChatChunks(cut, { includeUsage: false }))).rejects.toMatchObject({ code: 'upstream_invalid_response' });
  });

  it('is accumulated by the official openai client into two separate tool calls', async () => {
    const events = await chunks('responses-parallel-tool-calls.chunks.txt', true);
    const stream = openaiClientAnswering(events).chat.completions.stream({
      model: 'gpt-5.5-pro',
      messages: [{ role: 'user', content: 'Weather in Paris and Tokyo?' }],
      stream_options: { include_usage: true },
    });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls?.map((call) => call.type === 'function' && [call.id, call.function.arguments])).toEqual([
      ['call_Paris0001', '{"city":"Paris"}'],
      ['call_Tokyo0002', '{"city":"Tokyo"}'],
    ]);
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(64);
  });
});
