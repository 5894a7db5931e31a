import { isGatewayError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from './convert-schema.js';
import { toGeminiRequest } from './to-gemini-request.js';

describe('toGeminiRequest', () => {
  it('maps images (inline and by URI), a named tool_choice, json_schema output and stop', () => {
    const request = toGeminiRequest(
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'gs://bucket/cat.jpg' } },
            ],
          },
        ],
        tool_choice: { type: 'function', function: { name: 'lookup' } },
        response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object', properties: { kind: { const: 'cat' } }, additionalProperties: false } } },
        stop: 'END',
        max_completion_tokens: 64,
      },
      'gemini-2.5-flash',
    );
    expect(request).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }, { fileData: { fileUri: 'gs://bucket/cat.jpg' } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['lookup'] } },
      generationConfig: { maxOutputTokens: 64, stopSequences: ['END'], responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { kind: { enum: ['cat'] } } } },
    });
  });

  it('maps reasoning_effort to a thinking budget on Gemini 2.5 and a thinking level on Gemini 3', () => {
    const body = { messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'low' };
    expect(toGeminiRequest(body, 'gemini-2.5-pro').generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024 } });
    expect(toGeminiRequest(body, 'gemini-3-pro-preview').generationConfig).toEqual({ thinkingConfig: { thinkingLevel: 'low' } });
    expect(toGeminiRequest({ ...body, reasoning_effort: 'none' }, 'gemini-2.5-flash').generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
  });

  it('merges consecutive turns of one role (parallel tool results) into one content', () => {
    const request = toGeminiRequest(
      {
        messages: [
          { role: 'user', content: 'both' },
          { role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }, { id: 'b', type: 'function', function: { name: 'g', arguments: '{"x":1}' } }] },
          { role: 'tool', tool_call_id: 'a', content: '1' },
          { role: 'tool', tool_call_id: 'b', content: 'two' },
        ],
      },
      'gemini-2.5-flash',
    );
    expect(request.contents).toEqual([
      { role: 'user', parts: [{ text: 'both' }] },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }, { functionCall: { name: 'g', args: { x: 1 } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { content: 1 } } }, { functionResponse: { name: 'g', response: { content: 'two' } } }] },
    ]);
  });

  it('refuses a tool result that answers no earlier call, naming the parameter', () => {
    let caught: unknown;
    try {
      toGeminiRequest({ messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] }, 'gemini-2.5-flash');
    } catch (error) {
      caught = error;
    }
    expect(isGatewayError(caught) && caught.param).toBe('messages[0].tool_call_id');
  });
});

describe('toGeminiSchema', () => {
  it('converts type unions, oneOf and nested items; drops keywords Gemini rejects', () => {
    expect(
      toGeminiSchema(
        { type: 'object', $schema: 'x', additionalProperties: false, properties: { tags: { type: 'array', items: { type: 'string', examples: ['a'] }, minItems: 1 }, value: { oneOf: [{ type: 'integer' }, { type: 'null' }] } } },
        'p',
      ),
    ).toEqual({ type: 'OBJECT', properties: { tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: 1 }, value: { anyOf: [{ type: 'INTEGER' }, { nullable: true }] } } });
  });

  it('refuses $ref with the path of the parameter', () => {
    let caught: unknown;
    try {
      toGeminiSchema({ type: 'object', properties: { a: { $ref: '#/$defs/A' } } }, 'tools[0].function.parameters');
    } catch (error) {
      caught = error;
    }
    expect(isGatewayError(caught) && [caught.status, caught.param]).toEqual([400, 'tools[0].function.parameters.properties.a']);
  });
});
