import { isGatewayError } from '@switchyard/core';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { resolveAnthropicTarget } from './anthropic-target.js';
import { testDeployment } from './__fixtures__/fixtures.js';
import { toMessagesRequest } from './to-messages-request.js';

const dispatcher = new Agent();
const target = (upstreamModel = 'claude-sonnet-4-5', options: Parameters<typeof testDeployment>[0] = {}) =>
  resolveAnthropicTarget(testDeployment({ upstreamModel, ...options }), {
    defaultBaseUrl: 'https://api.anthropic.com',
    fallbackApiKey: undefined,
    anthropicVersion: '2023-06-01',
    dispatcherFor: () => dispatcher,
  });

function refusal(run: () => unknown): { code: string; param: string | null; message: string } {
  try {
    run();
  } catch (error) {
    if (isGatewayError(error)) return { code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Chat Completions → Messages request', () => {
  it('maps system and developer messages, multi-turn, stop, sampling, user and the default max_tokens', () => {
    const body = toMessagesRequest(
      {
        model: 'claude-sonnet-4-5',
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Bonjour.' },
          { role: 'user', content: 'Again' },
        ],
        stop: 'END',
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        user: 'user-42',
      },
      target(),
    );
    expect(body).toMatchInlineSnapshot(`
      {
        "max_tokens": 64000,
        "messages": [
          {
            "content": [
              {
                "text": "Hi",
                "type": "text",
              },
            ],
            "role": "user",
          },
          {
            "content": [
              {
                "text": "Bonjour.",
                "type": "text",
              },
            ],
            "role": "assistant",
          },
          {
            "content": [
              {
                "text": "Again",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "metadata": {
          "user_id": "user-42",
        },
        "model": "claude-sonnet-4-5",
        "stop_sequences": [
          "END",
        ],
        "system": [
          {
            "text": "You are terse.",
            "type": "text",
          },
          {
            "text": "Answer in French.",
            "type": "text",
          },
        ],
        "temperature": 0.2,
        "top_k": 40,
        "top_p": 0.9,
      }
    `);
  });

  it('maps images (base64 and URL), PDFs and cache_control on parts, messages and tools', () => {
    const body = toMessagesRequest(
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 300,
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Long policy…', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
              { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQ=' } },
              { type: 'text', text: 'Describe.' },
            ],
            cache_control: { type: 'ephemeral' },
          },
        ],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }, cache_control: { type: 'ephemeral' } }],
      },
      target(),
    );
    expect(body).toMatchInlineSnapshot(`
      {
        "max_tokens": 300,
        "messages": [
          {
            "content": [
              {
                "source": {
                  "data": "iVBORw0KGgo=",
                  "media_type": "image/png",
                  "type": "base64",
                },
                "type": "image",
              },
              {
                "source": {
                  "type": "url",
                  "url": "https://example.com/cat.jpg",
                },
                "type": "image",
              },
              {
                "source": {
                  "data": "JVBERi0xLjQ=",
                  "media_type": "application/pdf",
                  "type": "base64",
                },
                "type": "document",
              },
              {
                "cache_control": {
                  "type": "ephemeral",
                },
                "text": "Describe.",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "model": "claude-sonnet-4-5",
        "system": [
          {
            "cache_control": {
              "ttl": "1h",
              "type": "ephemeral",
            },
            "text": "Long policy…",
            "type": "text",
          },
        ],
        "tools": [
          {
            "cache_control": {
              "type": "ephemeral",
            },
            "input_schema": {
              "properties": {
                "q": {
                  "type": "string",
                },
              },
              "type": "object",
            },
            "name": "lookup",
          },
        ],
      }
    `);
  });

  it('maps a tool loop: tool_calls → tool_use, tool results merged into one user turn, thinking blocks sent back first', () => {
    const body = toMessagesRequest(
      {
        model: 'claude-sonnet-4-5',
        max_completion_tokens: 4000,
        reasoning_effort: 'low',
        tool_choice: 'required',
        parallel_tool_calls: false,
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather by city' } }],
        messages: [
          { role: 'user', content: 'Weather in Paris and Tokyo?' },
          {
            role: 'assistant',
            content: null,
            thinking_blocks: [{ type: 'thinking', thinking: 'Two calls.', signature: 'sig-abc' }],
            tool_calls: [
              { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
          { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '25°C' }] },
        ],
      },
      target(),
    );
    expect(body).toMatchInlineSnapshot(`
      {
        "max_tokens": 4000,
        "messages": [
          {
            "content": [
              {
                "text": "Weather in Paris and Tokyo?",
                "type": "text",
              },
            ],
            "role": "user",
          },
          {
            "content": [
              {
                "signature": "sig-abc",
                "thinking": "Two calls.",
                "type": "thinking",
              },
              {
                "id": "toolu_1",
                "input": {
                  "city": "Paris",
                },
                "name": "get_weather",
                "type": "tool_use",
              },
              {
                "id": "toolu_2",
                "input": {
                  "city": "Tokyo",
                },
                "name": "get_weather",
                "type": "tool_use",
              },
            ],
            "role": "assistant",
          },
          {
            "content": [
              {
                "content": "18°C",
                "tool_use_id": "toolu_1",
                "type": "tool_result",
              },
              {
                "content": [
                  {
                    "text": "25°C",
                    "type": "text",
                  },
                ],
                "tool_use_id": "toolu_2",
                "type": "tool_result",
              },
            ],
            "role": "user",
          },
        ],
        "model": "claude-sonnet-4-5",
        "thinking": {
          "budget_tokens": 2048,
          "type": "enabled",
        },
        "tool_choice": {
          "disable_parallel_tool_use": true,
          "type": "any",
        },
        "tools": [
          {
            "description": "Weather by city",
            "input_schema": {
              "properties": {},
              "type": "object",
            },
            "name": "get_weather",
          },
        ],
      }
    `);
  });

  it('maps tool_choice none and a named tool', () => {
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const messages = [{ role: 'user', content: 'x' }];
    expect(toMessagesRequest({ model: 'm', messages, tools, tool_choice: 'none' }, target()).tool_choice).toEqual({ type: 'none' });
    expect(toMessagesRequest({ model: 'm', messages, tools, tool_choice: 'auto' }, target()).tool_choice).toEqual({ type: 'auto' });
    expect(toMessagesRequest({ model: 'm', messages, tools, tool_choice: { type: 'function', function: { name: 'f' } } }, target()).tool_choice).toEqual({
      type: 'tool',
      name: 'f',
    });
  });

  it('maps reasoning_effort to adaptive thinking with an effort on the adaptive models', () => {
    const body = toMessagesRequest({ model: 'claude-opus-4-8', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'xhigh' }, target('claude-opus-4-8'));
    expect(body).toMatchObject({ max_tokens: 128000, thinking: { type: 'adaptive' }, output_config: { effort: 'xhigh' } });
    const minimal = toMessagesRequest({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'minimal' }, target('claude-sonnet-4-6'));
    expect(minimal.output_config).toEqual({ effort: 'low' });
    const none = toMessagesRequest({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'none' }, target('claude-sonnet-4-6'));
    expect(none.thinking).toBeUndefined();
  });

  it('shrinks a budget to fit a small max_tokens and refuses one below the 1024 minimum', () => {
    const body = toMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'high', max_tokens: 5000 }, target());
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4999 });
    expect(refusal(() => toMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'low', max_tokens: 500 }, target()))).toMatchObject({
      code: 'invalid_value',
      param: 'max_tokens',
    });
  });

  it('sends response_format json_schema as output_config.format where the model has structured outputs, and refuses it elsewhere', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    const response_format = { type: 'json_schema', json_schema: { name: 'x', schema } };
    const body = toMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format }, target());
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(refusal(() => toMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format }, target('claude-haiku-4-5')))).toMatchObject({
      code: 'unsupported_value',
      param: 'response_format',
    });
    expect(refusal(() => toMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } }, target()))).toMatchObject({
      code: 'unsupported_value',
    });
  });

  it('refuses what has no Anthropic counterpart clearly', () => {
    const user = (content: unknown) => ({ model: 'm', messages: [{ role: 'user', content }] });
    expect(refusal(() => toMessagesRequest(user([{ type: 'input_audio', input_audio: {} }]), target()))).toMatchObject({ code: 'invalid_value', param: 'messages[0].content[0]' });
    expect(refusal(() => toMessagesRequest(user([{ type: 'file', file: { file_id: 'file-1' } }]), target())).message).toContain('file_id');
    expect(refusal(() => toMessagesRequest(user([{ type: 'image_url', image_url: { url: 'ftp://x' } }]), target())).code).toBe('invalid_value');
    expect(
      refusal(() =>
        toMessagesRequest(
          { model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] },
          target(),
        ),
      ),
    ).toMatchObject({ param: 'messages[0].tool_calls[0].function.arguments' });
  });

  it('takes max_tokens defaults from model_info over the shipped data', () => {
    const body = toMessagesRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, target('claude-sonnet-4-5', { modelInfo: { max_output_tokens: 1234 } }));
    expect(body.max_tokens).toBe(1234);
  });
});
