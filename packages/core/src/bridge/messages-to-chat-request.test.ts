import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../errors/gateway-error.js';
import { messagesToChatRequest, reasoningEffort } from './messages-to-chat-request.js';

function refusal(body: Record<string, unknown>): { code: string; param: string | null; message: string } {
  try {
    messagesToChatRequest(body);
  } catch (error) {
    if (isGatewayError(error)) return { code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('messagesToChatRequest', () => {
  it('maps system blocks, image and PDF sources, tool results (errors flagged), thinking left out, and the tool settings', () => {
    const chat = messagesToChatRequest({
      model: 'any',
      max_tokens: 512,
      stream: true,
      system: [
        { type: 'text', text: 'Policy A.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Policy B.' },
      ],
      top_k: 40,
      top_p: 0.9,
      metadata: { user_id: 'u-1' },
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
      tool_choice: { type: 'any' },
      thinking: { type: 'enabled', budget_tokens: 20_000 },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            { type: 'document', title: 'spec.pdf', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
            { type: 'text', text: 'Summarize.' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Look it up.', signature: 'sig' },
            { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'spec' } },
            { type: 'tool_use', id: 'toolu_2', name: 'lookup', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'found' }, { type: 'text', text: 'twice' }] },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'timeout', is_error: true },
          ],
        },
      ],
    });
    expect(chat).toMatchInlineSnapshot(`
      {
        "max_tokens": 512,
        "messages": [
          {
            "content": "Policy A.

      Policy B.",
            "role": "system",
          },
          {
            "content": [
              {
                "image_url": {
                  "url": "https://example.com/cat.png",
                },
                "type": "image_url",
              },
              {
                "file": {
                  "file_data": "data:application/pdf;base64,JVBERi0=",
                  "filename": "spec.pdf",
                },
                "type": "file",
              },
              {
                "text": "Summarize.",
                "type": "text",
              },
            ],
            "role": "user",
          },
          {
            "content": null,
            "role": "assistant",
            "tool_calls": [
              {
                "function": {
                  "arguments": "{"q":"spec"}",
                  "name": "lookup",
                },
                "id": "toolu_1",
                "type": "function",
              },
              {
                "function": {
                  "arguments": "{}",
                  "name": "lookup",
                },
                "id": "toolu_2",
                "type": "function",
              },
            ],
          },
          {
            "content": "found
      twice",
            "role": "tool",
            "tool_call_id": "toolu_1",
          },
          {
            "content": "Error: timeout",
            "role": "tool",
            "tool_call_id": "toolu_2",
          },
        ],
        "model": "any",
        "reasoning_effort": "high",
        "stream": true,
        "stream_options": {
          "include_usage": true,
        },
        "tool_choice": "required",
        "tools": [
          {
            "function": {
              "name": "lookup",
              "parameters": {
                "properties": {
                  "q": {
                    "type": "string",
                  },
                },
                "type": "object",
              },
            },
            "type": "function",
          },
        ],
        "top_p": 0.9,
        "user": "u-1",
      }
    `);
  });

  it('maps each tool_choice, and disable_parallel_tool_use only when tools are sent', () => {
    const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'object' } }] };
    expect(messagesToChatRequest({ ...base, tool_choice: { type: 'tool', name: 'f' } }).tool_choice).toEqual({ type: 'function', function: { name: 'f' } });
    expect(messagesToChatRequest({ ...base, tool_choice: { type: 'none' } }).tool_choice).toBe('none');
    expect(messagesToChatRequest({ ...base, tool_choice: { type: 'auto', disable_parallel_tool_use: true } }).parallel_tool_calls).toBe(false);
    const { tools: _tools, ...withoutTools } = base;
    expect(messagesToChatRequest({ ...withoutTools, tool_choice: { type: 'auto', disable_parallel_tool_use: true } })).not.toHaveProperty('parallel_tool_calls');
  });

  it('maps thinking budgets to reasoning efforts at the documented thresholds', () => {
    expect([1024, 4095, 4096, 16383, 16384].map((budget) => reasoningEffort({ type: 'enabled', budget_tokens: budget }))).toEqual(['low', 'low', 'medium', 'medium', 'high']);
    expect(reasoningEffort({ type: 'adaptive' })).toBe('medium');
    expect(reasoningEffort({ type: 'disabled' })).toBeUndefined();
    expect(() => reasoningEffort({ type: 'enabled', budget_tokens: 100 })).toThrow(/at least 1024/);
  });

  it('refuses what Chat cannot say, naming the parameter', () => {
    const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] };
    expect(refusal({ ...base, mcp_servers: [] })).toMatchObject({ code: 'unsupported_parameter', param: 'mcp_servers' });
    expect(refusal({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] })).toMatchObject({ code: 'unsupported_value', param: 'tools[0].type' });
    expect(refusal({ ...base, messages: [{ role: 'user', content: [{ type: 'search_result', source: 'x' }] }] })).toMatchObject({ param: 'messages[0].content[0].type' });
    expect(refusal({ model: 'm', messages: [] })).toMatchObject({ code: 'missing_required_parameter', param: 'max_tokens' });
    expect(refusal({ ...base, max_tokens: 0 })).toMatchObject({ code: 'invalid_value', param: 'max_tokens' });
    expect(refusal({ ...base, messages: [{ role: 'tool', content: 'x' }] })).toMatchObject({ param: 'messages[0].role' });
    expect(refusal({ ...base, system: [{ type: 'image' }] })).toMatchObject({ code: 'invalid_type', param: 'system' });
    expect(messagesToChatRequest({ ...base, mcp_servers: [] }, { dropUnknown: true })).not.toHaveProperty('mcp_servers');
  });
});
