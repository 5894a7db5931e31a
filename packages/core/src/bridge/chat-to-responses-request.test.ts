import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../errors/gateway-error.js';
import { chatToResponsesRequest } from './chat-to-responses-request.js';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
  },
};

function refusal(body: Record<string, unknown>) {
  try {
    chatToResponsesRequest(body);
  } catch (error) {
    if (isGatewayError(error)) return error.toJSON().error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('chatToResponsesRequest', () => {
  it('maps a multi-turn tool conversation with images, files and structured output', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.5-pro',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather where this photo was taken, and in Tokyo?' },
            { type: 'image_url', image_url: { url: 'https://example.com/paris.jpg', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'file', file: { filename: 'notes.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Looking both up.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18 °C, cloudy' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24 °C, ' }, { type: 'text', text: 'sunny' }] },
      ],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: true,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'forecast', schema: { type: 'object', properties: { summary: { type: 'string' } } }, strict: true },
      },
      max_tokens: 500,
      reasoning_effort: 'high',
      temperature: 1,
      user: 'user-42',
      metadata: { team: 'search' },
      store: false,
      service_tier: 'flex',
      stream: true,
      stream_options: { include_usage: true },
      n: 1,
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "input": [
          {
            "content": [
              {
                "text": "Weather where this photo was taken, and in Tokyo?",
                "type": "input_text",
              },
              {
                "detail": "high",
                "image_url": "https://example.com/paris.jpg",
                "type": "input_image",
              },
              {
                "detail": "auto",
                "image_url": "data:image/png;base64,iVBORw0KGgo=",
                "type": "input_image",
              },
              {
                "file_data": "data:application/pdf;base64,JVBERi0=",
                "filename": "notes.pdf",
                "type": "input_file",
              },
            ],
            "role": "user",
          },
          {
            "content": "Looking both up.",
            "role": "assistant",
          },
          {
            "arguments": "{"city":"Paris"}",
            "call_id": "call_1",
            "name": "get_weather",
            "type": "function_call",
          },
          {
            "arguments": "{"city":"Tokyo"}",
            "call_id": "call_2",
            "name": "get_weather",
            "type": "function_call",
          },
          {
            "call_id": "call_1",
            "output": "18 °C, cloudy",
            "type": "function_call_output",
          },
          {
            "call_id": "call_2",
            "output": "24 °C, sunny",
            "type": "function_call_output",
          },
        ],
        "instructions": "You are terse.

      Use metric units.",
        "max_output_tokens": 500,
        "metadata": {
          "team": "search",
        },
        "model": "gpt-5.5-pro",
        "parallel_tool_calls": true,
        "reasoning": {
          "effort": "high",
        },
        "service_tier": "flex",
        "store": false,
        "stream": true,
        "temperature": 1,
        "text": {
          "format": {
            "name": "forecast",
            "schema": {
              "properties": {
                "summary": {
                  "type": "string",
                },
              },
              "type": "object",
            },
            "strict": true,
            "type": "json_schema",
          },
        },
        "tool_choice": {
          "name": "get_weather",
          "type": "function",
        },
        "tools": [
          {
            "description": "Current weather for a city",
            "name": "get_weather",
            "parameters": {
              "additionalProperties": false,
              "properties": {
                "city": {
                  "type": "string",
                },
              },
              "required": [
                "city",
              ],
              "type": "object",
            },
            "strict": true,
            "type": "function",
          },
        ],
        "user": "user-42",
      }
    `);
  });

  it('maps json_object, max_completion_tokens over max_tokens, string tool_choice and verbosity', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.5-pro',
      messages: [{ role: 'user', content: 'List three colours as JSON.' }],
      response_format: { type: 'json_object' },
      max_tokens: 100,
      max_completion_tokens: 200,
      tool_choice: 'required',
      verbosity: 'low',
    });
    expect(body).toEqual({
      model: 'gpt-5.5-pro',
      input: [{ role: 'user', content: 'List three colours as JSON.' }],
      tool_choice: 'required',
      text: { format: { type: 'json_object' }, verbosity: 'low' },
      max_output_tokens: 200,
      store: false,
    });
  });

  it('passes assistant refusals and text parts as output content', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.5-pro',
      messages: [{ role: 'assistant', content: [{ type: 'text', text: 'No.' }, { type: 'refusal', refusal: 'I cannot help.' }] }],
    });
    expect(body.input).toEqual([
      {
        type: 'message',
        id: 'msg_history_0',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'No.', annotations: [] }, { type: 'refusal', refusal: 'I cannot help.' }],
      },
    ]);
  });

  it('refuses parameters the Responses API cannot honour instead of dropping them silently', () => {
    expect(refusal({ model: 'm', messages: [], stop: ['\n'] })).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_parameter', param: 'stop' });
    expect(refusal({ model: 'm', messages: [], n: 2 })).toMatchObject({ code: 'unsupported_parameter', param: 'n' });
    expect(refusal({ model: 'm', messages: [], logprobs: true })).toMatchObject({ param: 'logprobs' });
  });

  it('accepts the neutral values clients send by default', () => {
    const body = chatToResponsesRequest({ model: 'm', messages: [], n: 1, logprobs: false, presence_penalty: 0, frequency_penalty: 0, stop: null });
    expect(body).toEqual({ model: 'm', input: [], store: false });
  });

  it('refuses content and tools with no Responses form, naming where they are', () => {
    const audio = { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } }] };
    expect(refusal({ model: 'm', messages: [audio] })).toMatchObject({ code: 'unsupported_value', param: 'messages[0].content[0].type' });
    const custom = { type: 'custom', custom: { name: 'grammar' } };
    expect(refusal({ model: 'm', messages: [], tools: [custom] })).toMatchObject({ code: 'unsupported_value', param: 'tools[0].type' });
  });
});

// Issue 9, items 5, 6, 9–12: what a bridged request must look like per the OpenAPI spec.
describe('chatToResponsesRequest, exact to the spec', () => {
  const hi = [{ role: 'user', content: 'Hi' }];

  it('sends a tool without strict as strict: false, and keeps an explicit strict', () => {
    const loose = { type: 'function', function: { name: 'search', parameters: { type: 'object', properties: { q: { type: 'string' }, page: { type: 'integer' } } } } };
    const body = chatToResponsesRequest({ model: 'gpt-5.5-pro', messages: hi, tools: [loose, weatherTool] });
    expect(body.tools).toMatchInlineSnapshot(`
      [
        {
          "name": "search",
          "parameters": {
            "properties": {
              "page": {
                "type": "integer",
              },
              "q": {
                "type": "string",
              },
            },
            "type": "object",
          },
          "strict": false,
          "type": "function",
        },
        {
          "description": "Current weather for a city",
          "name": "get_weather",
          "parameters": {
            "additionalProperties": false,
            "properties": {
              "city": {
                "type": "string",
              },
            },
            "required": [
              "city",
            ],
            "type": "object",
          },
          "strict": true,
          "type": "function",
        },
      ]
    `);
  });

  it('sends store: false unless the client set store', () => {
    expect(chatToResponsesRequest({ model: 'gpt-5.5-pro', messages: hi })).toMatchInlineSnapshot(`
      {
        "input": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "gpt-5.5-pro",
        "store": false,
      }
    `);
    expect(chatToResponsesRequest({ model: 'gpt-5.5-pro', messages: hi, store: true }).store).toBe(true);
  });

  it('keeps system and developer messages after the first user turn in place', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.5-pro',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'developer', content: 'From now on answer in French.' },
        { role: 'user', content: 'How are you?' },
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      ],
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "input": [
          {
            "content": "Hi",
            "role": "user",
          },
          {
            "content": "Hello.",
            "role": "assistant",
          },
          {
            "content": "From now on answer in French.",
            "role": "developer",
          },
          {
            "content": "How are you?",
            "role": "user",
          },
          {
            "content": "Be brief.",
            "role": "system",
          },
        ],
        "instructions": "You are terse.",
        "model": "gpt-5.5-pro",
        "store": false,
      }
    `);
  });

  it('sends assistant history in spec-valid shapes: part arrays and refusals as output messages', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.5-pro',
      messages: [
        { role: 'user', content: 'Two things.' },
        { role: 'assistant', content: [{ type: 'text', text: 'First, ' }, { type: 'text', text: 'second.' }] },
        { role: 'user', content: 'Now something bad.' },
        { role: 'assistant', content: null, refusal: 'I can’t help with that.' },
      ],
    });
    expect(body.input).toMatchInlineSnapshot(`
      [
        {
          "content": "Two things.",
          "role": "user",
        },
        {
          "content": [
            {
              "annotations": [],
              "text": "First, ",
              "type": "output_text",
            },
            {
              "annotations": [],
              "text": "second.",
              "type": "output_text",
            },
          ],
          "id": "msg_history_1",
          "role": "assistant",
          "status": "completed",
          "type": "message",
        },
        {
          "content": "Now something bad.",
          "role": "user",
        },
        {
          "content": [
            {
              "refusal": "I can’t help with that.",
              "type": "refusal",
            },
          ],
          "id": "msg_history_3",
          "role": "assistant",
          "status": "completed",
          "type": "message",
        },
      ]
    `);
  });

  it('refuses an assistant audio turn and a tool message without tool_call_id, naming them', () => {
    const audioTurn = { role: 'assistant', content: null, audio: { id: 'audio_abc' } };
    expect(refusal({ model: 'm', messages: [...hi, audioTurn] })).toMatchObject({ code: 'unsupported_value', param: 'messages[1].audio' });
    const orphan = { role: 'tool', content: '18 °C' };
    expect(refusal({ model: 'm', messages: [...hi, orphan] })).toMatchObject({
      type: 'invalid_request_error',
      code: 'missing_required_parameter',
      param: 'messages[1].tool_call_id',
    });
  });

  it('refuses an output limit below the Responses minimum (16), naming the client\'s parameter', () => {
    expect(refusal({ model: 'm', messages: hi, max_tokens: 5 })).toMatchObject({ code: 'invalid_value', param: 'max_tokens' });
    expect(refusal({ model: 'm', messages: hi, max_completion_tokens: 8, max_tokens: 100 })).toMatchObject({ param: 'max_completion_tokens' });
    expect(chatToResponsesRequest({ model: 'm', messages: hi, max_tokens: 16 }).max_output_tokens).toBe(16);
  });

  it('maps web_search_options to the web_search tool', () => {
    const body = chatToResponsesRequest({
      model: 'gpt-5.5-pro',
      messages: hi,
      web_search_options: { search_context_size: 'high', user_location: { type: 'approximate', approximate: { country: 'FR', city: 'Paris', timezone: 'Europe/Paris' } } },
    });
    expect(body.tools).toMatchInlineSnapshot(`
      [
        {
          "search_context_size": "high",
          "type": "web_search",
          "user_location": {
            "city": "Paris",
            "country": "FR",
            "timezone": "Europe/Paris",
            "type": "approximate",
          },
        },
      ]
    `);
  });
});
