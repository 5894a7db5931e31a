import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../errors/gateway-error.js';
import { responsesToChatRequest } from './responses-to-chat-request.js';

function refusal(body: Record<string, unknown>) {
  try {
    responsesToChatRequest(body);
  } catch (error) {
    if (isGatewayError(error)) return error.toJSON().error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('responsesToChatRequest', () => {
  it('maps instructions, input items, tool calls and their outputs, tools and options', () => {
    const body = responsesToChatRequest({
      model: 'llama-3.3-70b-instruct',
      instructions: 'You are terse.',
      input: [
        { role: 'developer', content: 'Use metric units.' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather here and in Tokyo?' },
            { type: 'input_image', image_url: 'https://example.com/paris.jpg', detail: 'low' },
            { type: 'input_file', filename: 'notes.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
          ],
        },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' },
        { type: 'message', role: 'assistant', id: 'msg_1', status: 'completed', content: [{ type: 'output_text', text: 'Looking both up.', annotations: [] }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '18 °C' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '24 °C' }] },
      ],
      tools: [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'get_weather' },
      text: { format: { type: 'json_schema', name: 'forecast', schema: { type: 'object' }, strict: true }, verbosity: 'low' },
      max_output_tokens: 400,
      reasoning: { effort: 'low', summary: 'auto' },
      parallel_tool_calls: false,
      temperature: 0.2,
      store: false,
      stream: true,
      truncation: 'disabled',
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "max_completion_tokens": 400,
        "messages": [
          {
            "content": "You are terse.",
            "role": "system",
          },
          {
            "content": "Use metric units.",
            "role": "system",
          },
          {
            "content": [
              {
                "text": "Weather here and in Tokyo?",
                "type": "text",
              },
              {
                "image_url": {
                  "detail": "low",
                  "url": "https://example.com/paris.jpg",
                },
                "type": "image_url",
              },
              {
                "file": {
                  "file_data": "data:application/pdf;base64,JVBERi0=",
                  "filename": "notes.pdf",
                },
                "type": "file",
              },
            ],
            "role": "user",
          },
          {
            "content": "Looking both up.",
            "role": "assistant",
            "tool_calls": [
              {
                "function": {
                  "arguments": "{"city":"Paris"}",
                  "name": "get_weather",
                },
                "id": "call_1",
                "type": "function",
              },
              {
                "function": {
                  "arguments": "{"city":"Tokyo"}",
                  "name": "get_weather",
                },
                "id": "call_2",
                "type": "function",
              },
            ],
          },
          {
            "content": "18 °C",
            "role": "tool",
            "tool_call_id": "call_1",
          },
          {
            "content": "24 °C",
            "role": "tool",
            "tool_call_id": "call_2",
          },
        ],
        "model": "llama-3.3-70b-instruct",
        "parallel_tool_calls": false,
        "reasoning_effort": "low",
        "response_format": {
          "json_schema": {
            "name": "forecast",
            "schema": {
              "type": "object",
            },
            "strict": true,
          },
          "type": "json_schema",
        },
        "store": false,
        "stream": true,
        "stream_options": {
          "include_usage": true,
        },
        "temperature": 0.2,
        "tool_choice": {
          "function": {
            "name": "get_weather",
          },
          "type": "function",
        },
        "tools": [
          {
            "function": {
              "description": "Weather",
              "name": "get_weather",
              "parameters": {
                "type": "object",
              },
              "strict": true,
            },
            "type": "function",
          },
        ],
        "verbosity": "low",
      }
    `);
  });

  it('turns a string input into one user message and sends max_tokens where the model wants it', () => {
    const body = responsesToChatRequest({ model: 'm', input: 'Hi', max_output_tokens: 64, text: { format: { type: 'json_object' } } }, { tokenParam: 'max_tokens' });
    expect(body).toEqual({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_object' }, max_tokens: 64 });
  });

  it('refuses server-side state and hosted tools, which Chat Completions cannot provide', () => {
    expect(refusal({ model: 'm', input: 'Hi', previous_response_id: 'resp_1' })).toMatchObject({
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param: 'previous_response_id',
    });
    expect(refusal({ model: 'm', input: 'Hi', tools: [{ type: 'web_search' }] })).toMatchObject({ code: 'unsupported_value', param: 'tools[0].type' });
    expect(refusal({ model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] })).toMatchObject({ code: 'unsupported_value', param: 'input[0].type' });
    expect(refusal({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1', detail: 'auto' }] }] })).toMatchObject({
      param: 'input[0].content[0].file_id',
    });
  });
});
