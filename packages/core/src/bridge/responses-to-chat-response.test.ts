import { describe, expect, it } from 'vitest';
import { readJsonFixture } from './__fixtures__/fixtures.js';
import type { ResponsesObject } from './responses-api.js';
import { responsesToChatResponse } from './responses-to-chat-response.js';

describe('responsesToChatResponse', () => {
  it('turns a text answer into a chat.completion with citations and detailed usage', () => {
    const completion = responsesToChatResponse(readJsonFixture<ResponsesObject>('responses-text.json'));
    expect(completion).toEqual({
      id: 'resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41',
      object: 'chat.completion',
      created: 1741476777,
      model: 'gpt-5.5-pro-2026-04-23',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Paris is the capital of France.',
            refusal: null,
            annotations: [
              { type: 'url_citation', url_citation: { url: 'https://en.wikipedia.org/wiki/Paris', title: 'Paris', start_index: 0, end_index: 5 } },
            ],
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 328,
        completion_tokens: 152,
        total_tokens: 480,
        prompt_tokens_details: { cached_tokens: 256, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 128 },
      },
      service_tier: 'default',
    });
  });

  it('turns parallel function calls into tool_calls keyed by call_id, finish_reason tool_calls', () => {
    const completion = responsesToChatResponse(readJsonFixture<ResponsesObject>('responses-parallel-tool-calls.json')) as any;
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      { id: 'call_Paris0001', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_Tokyo0002', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
    ]);
    expect(completion.usage.completion_tokens_details).toEqual({ reasoning_tokens: 192 });
  });

  it('reports an answer cut at max_output_tokens as finish_reason length', () => {
    const completion = responsesToChatResponse(readJsonFixture<ResponsesObject>('responses-incomplete.json')) as any;
    expect(completion.choices[0].finish_reason).toBe('length');
    expect(completion.choices[0].message.content).toBe('Once upon a time, in a');
  });

  it('throws the upstream error of a failed response', () => {
    const failed = { id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'The model crashed.' }, output: [] };
    expect(() => responsesToChatResponse(failed)).toThrow('The model crashed.');
  });
});
