import { describe, expect, it } from 'vitest';
import { readJsonFixture } from './__fixtures__/fixtures.js';
import type { ChatCompletion } from './chat-api.js';
import { chatToResponsesResponse } from './chat-to-responses-response.js';

const request = { model: 'llama-3.3-70b-instruct', input: 'Weather in Paris and Tokyo?', tools: [{ type: 'function', name: 'get_weather' }] };

describe('chatToResponsesResponse', () => {
  it('turns text and parallel tool calls into a Response with a message and two function_call items', () => {
    const response = chatToResponsesResponse(readJsonFixture<ChatCompletion>('chat-completion-tool-calls.json'), request);
    expect(response).toMatchInlineSnapshot(`
      {
        "background": false,
        "completed_at": 1741570283,
        "created_at": 1741570283,
        "error": null,
        "id": "resp_B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "incomplete_details": null,
        "instructions": null,
        "max_output_tokens": null,
        "metadata": {},
        "model": "llama-3.3-70b-instruct",
        "object": "response",
        "output": [
          {
            "content": [
              {
                "annotations": [],
                "logprobs": [],
                "text": "Checking both cities.",
                "type": "output_text",
              },
            ],
            "id": "msg_B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
            "role": "assistant",
            "status": "completed",
            "type": "message",
          },
          {
            "arguments": "{"city":"Paris"}",
            "call_id": "call_abc123",
            "id": "fc_abc123",
            "name": "get_weather",
            "status": "completed",
            "type": "function_call",
          },
          {
            "arguments": "{"city":"Tokyo"}",
            "call_id": "call_def456",
            "id": "fc_def456",
            "name": "get_weather",
            "status": "completed",
            "type": "function_call",
          },
        ],
        "parallel_tool_calls": true,
        "previous_response_id": null,
        "reasoning": {
          "effort": null,
          "summary": null,
        },
        "status": "completed",
        "store": false,
        "temperature": 1,
        "text": {
          "format": {
            "type": "text",
          },
        },
        "tool_choice": "auto",
        "tools": [
          {
            "name": "get_weather",
            "type": "function",
          },
        ],
        "top_p": 1,
        "truncation": "disabled",
        "usage": {
          "input_tokens": 82,
          "input_tokens_details": {
            "cache_write_tokens": 0,
            "cached_tokens": 64,
          },
          "output_tokens": 41,
          "output_tokens_details": {
            "reasoning_tokens": 0,
          },
          "total_tokens": 123,
        },
        "user": null,
      }
    `);
  });

  it('marks a completion cut at the token limit as incomplete (max_output_tokens)', () => {
    const completion = {
      id: 'chatcmpl-1',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { content: 'Once upon' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 3, completion_tokens: 16, total_tokens: 19 },
    };
    const response = chatToResponsesResponse(completion, { model: 'm', input: 'Tell a story', max_output_tokens: 16 }) as any;
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output[0].status).toBe('incomplete');
    expect(response.max_output_tokens).toBe(16);
  });
});
