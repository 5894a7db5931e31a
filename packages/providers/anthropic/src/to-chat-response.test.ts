import { isGatewayError, type SseEvent } from '@switchyard/core';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { resolveAnthropicTarget } from './anthropic-target.js';
import { fixture, jsonFixture, testDeployment } from './__fixtures__/fixtures.js';
import { messagesStreamToChunks } from './messages-stream-to-chunks.js';
import { toChatCompletion } from './to-chat-completion.js';

const target = resolveAnthropicTarget(testDeployment(), {
  defaultBaseUrl: 'https://api.anthropic.com',
  fallbackApiKey: undefined,
  anthropicVersion: '2023-06-01',
  dispatcherFor: () => new Agent(),
});

/** The fixture as a byte stream in small pieces, as a socket delivers it. */
async function* textStream(text: string): AsyncGenerator<string> {
  for (let offset = 0; offset < text.length; offset += 97) yield text.slice(offset, offset + 97);
}

async function chunksOf(name: string, includeUsage = true): Promise<unknown[]> {
  const events = messagesStreamToChunks((textStream(fixture(name))), { target, includeUsage, created: 1 });
  const result: unknown[] = [];
  for await (const event of events) result.push((event as SseEvent).data);
  return result;
}

describe('Messages response → chat.completion', () => {
  it('maps a text message and its usage', () => {
    expect(toChatCompletion(jsonFixture('anthropic-text.json'), 1)).toMatchInlineSnapshot(`
      {
        "choices": [
          {
            "finish_reason": "stop",
            "index": 0,
            "logprobs": null,
            "message": {
              "content": "Hello! How can I help you today?",
              "refusal": null,
              "role": "assistant",
            },
          },
        ],
        "created": 1,
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "model": "claude-sonnet-4-5-20250929",
        "object": "chat.completion",
        "usage": {
          "cache_creation_input_tokens": 0,
          "completion_tokens": 10,
          "prompt_tokens": 12,
          "prompt_tokens_details": {
            "cache_write_tokens": 0,
            "cached_tokens": 0,
          },
          "total_tokens": 22,
        },
      }
    `);
  });

  it('maps thinking (with its signature), text and parallel tool calls; usage counts cache reads and writes in prompt_tokens', () => {
    const completion = toChatCompletion(jsonFixture('anthropic-thinking-tool-use.json'), 1) as { choices: { message: unknown; finish_reason: string }[]; usage: unknown };
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Let me check both.',
      refusal: null,
      reasoning_content: 'The user wants the weather in two cities; call the tool twice.',
      thinking_blocks: [
        { type: 'thinking', thinking: 'The user wants the weather in two cities; call the tool twice.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' },
      ],
      tool_calls: [
        { id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'toolu_01B19r91rx91mr028946mr0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
      ],
    });
    // 50 uncached + 3000 read + 1200 written.
    expect(completion.usage).toEqual({
      prompt_tokens: 4250,
      completion_tokens: 140,
      total_tokens: 4390,
      prompt_tokens_details: { cached_tokens: 3000, cache_write_tokens: 1200, cache_write_1h_tokens: 1000 },
      cache_creation_input_tokens: 1200,
    });
  });
});

describe('Messages stream → chat chunks', () => {
  it('maps every event of a thinking + text + two parallel tool calls stream, with per-call indexes and the final usage snapshot', async () => {
    const chunks = await chunksOf('anthropic-parallel-tools.chunks.txt');
    const deltas = chunks.map((chunk) => (chunk as { choices?: { delta?: unknown }[] }).choices?.[0]?.delta ?? chunk);
    expect(deltas).toMatchInlineSnapshot(`
      [
        {
          "content": "",
          "role": "assistant",
        },
        {
          "reasoning_content": "Two cities, two calls.",
        },
        {
          "thinking_blocks": [
            {
              "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds",
              "thinking": "",
              "type": "thinking",
            },
          ],
        },
        {
          "content": "Checking ",
        },
        {
          "content": "both.",
        },
        {
          "tool_calls": [
            {
              "function": {
                "arguments": "",
                "name": "get_weather",
              },
              "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
              "index": 0,
              "type": "function",
            },
          ],
        },
        {
          "tool_calls": [
            {
              "function": {
                "arguments": "",
              },
              "index": 0,
            },
          ],
        },
        {
          "tool_calls": [
            {
              "function": {
                "arguments": "{"city": "Par",
              },
              "index": 0,
            },
          ],
        },
        {
          "tool_calls": [
            {
              "function": {
                "arguments": "",
                "name": "get_weather",
              },
              "id": "toolu_02U2y2gK45rBnl3uOUsO8Vq7",
              "index": 1,
              "type": "function",
            },
          ],
        },
        {
          "tool_calls": [
            {
              "function": {
                "arguments": "{"city": "Tokyo"}",
              },
              "index": 1,
            },
          ],
        },
        {
          "tool_calls": [
            {
              "function": {
                "arguments": "is"}",
              },
              "index": 0,
            },
          ],
        },
        {},
        {
          "choices": [],
          "created": 1,
          "id": "msg_014p7gG3wDgGV9EUtLvnow3U",
          "model": "claude-sonnet-4-5-20250929",
          "object": "chat.completion.chunk",
          "usage": {
            "cache_creation_input_tokens": 0,
            "completion_tokens": 89,
            "prompt_tokens": 2520,
            "prompt_tokens_details": {
              "cache_write_tokens": 0,
              "cached_tokens": 2048,
            },
            "total_tokens": 2609,
          },
        },
        "[DONE]",
      ]
    `);
    expect((chunks.at(-3) as { choices: { finish_reason: string }[] }).choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('ignores citations_delta, surfaces redacted thinking, maps max_tokens to length and leaves the usage chunk out unless asked', async () => {
    const chunks = await chunksOf('anthropic-citations.chunks.txt', false);
    const deltas = chunks.slice(0, -1).map((chunk) => (chunk as { choices: { delta: unknown; finish_reason: unknown }[] }).choices[0]);
    expect(deltas.map((choice) => choice?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'The grass is green.' },
      { thinking_blocks: [{ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' }] },
      {},
    ]);
    expect(deltas.at(-1)?.finish_reason).toBe('length');
    expect(chunks.at(-1)).toBe('[DONE]');
  });

  it('ends with a terminal 503 upstream_overloaded error on an error event inside the 200 stream, after the text so far', async () => {
    const seen: unknown[] = [];
    let caught: unknown;
    try {
      for await (const event of messagesStreamToChunks((textStream(fixture('anthropic-error-in-stream.chunks.txt'))), { target, includeUsage: true, created: 1 })) {
        seen.push(event.data);
      }
    } catch (error) {
      caught = error;
    }
    expect(seen).toHaveLength(2);
    expect(isGatewayError(caught) && { status: caught.status, code: caught.code }).toEqual({ status: 503, code: 'upstream_overloaded' });
  });

  it('fails a stream that ends before message_stop instead of finishing it as if complete', async () => {
    const cut = fixture('anthropic-parallel-tools.chunks.txt').split('event: message_delta')[0]!;
    const events = messagesStreamToChunks((textStream(cut)), { target, includeUsage: true, created: 1 });
    await expect((async () => {
      for await (const _event of events) void _event;
    })()).rejects.toMatchObject({ code: 'upstream_invalid_response' });
  });
});
