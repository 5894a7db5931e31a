// Issue 12, Gemini (AI Studio): the openai SDK through both mounts to gemini/ deployments on a
// fake upstream that records path, query and the x-goog-api-key header; Chat ⇄ generateContent
// mapping (system instruction, multi-turn, tools, tool results), SSE streams with parallel
// function calls, usage per provider-notes (thoughts added to output, cached a subset of the
// prompt), errors mapped; costs worked by hand from the shipped Gemini data.
import { gemini } from '@switchyard/provider-gemini';
import OpenAI from 'openai';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CostRecorder } from './support/cost-events.js';
import { FakeUpstream, sendJson } from './support/fake-upstream.js';
import { HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelsConfig, postJson } from './support/model-config.js';

const GEMINI_KEY = 'AIzaSyFakeGeminiKey0123456789abcdefghij';
const COST_HEADER = 'x-switchyard-response-cost';

/*
 * gemini/gemini-2.5-flash, as shipped in packages/providers/gemini/src/gemini-capabilities.json
 * (LiteLLM's map): input 3e-7, cached input 3e-8, output 2.5e-6, reasoning output 2.5e-6 (USD per token).
 */
const USAGE = { promptTokenCount: 1000, cachedContentTokenCount: 400, candidatesTokenCount: 100, thoughtsTokenCount: 50, totalTokenCount: 1150 };
// (1000 − 400) × 3e-7 + 400 × 3e-8 + (100 + 50) × 2.5e-6 = 0.00018 + 0.000012 + 0.000375
const USAGE_COST = '0.000567';

function sendSse(response: ServerResponse, events: readonly object[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) response.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
  response.end();
}

describe.each(HOSTS)('Gemini through the %s host', (name, startHost: StartHost) => {
  let upstream: FakeUpstream;
  let host: Host;
  let client: OpenAI;
  const recorder = new CostRecorder();
  let count = 0;
  const nextId = () => `gemini-${name}-${++count}`;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    const origin = upstream.url.replace(/\/v1$/, '');
    host = await startHost({
      config: modelsConfig([
        { model_name: 'flash', litellm_params: { model: 'gemini/gemini-2.5-flash', api_base: origin, api_key: GEMINI_KEY } },
        { model_name: 'embed', litellm_params: { model: 'gemini/gemini-embedding-001', api_base: origin, api_key: GEMINI_KEY } },
      ]),
      providers: [gemini()],
      onCost: recorder.listener,
    });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const only = () => {
    expect(upstream.requests).toHaveLength(1);
    return upstream.requests[0]!;
  };

  it('maps a multi-turn chat with tools to generateContent, and the answer back with usage and an exact cost', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, {
        candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'It is sunny in Paris.' }] }, finishReason: 'STOP' }],
        usageMetadata: USAGE,
        modelVersion: 'gemini-2.5-flash',
      });
      return true;
    });
    const id = nextId();
    const { data, response } = await client.chat.completions
      .create(
        {
          model: 'flash',
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Weather in Paris?' },
            { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
            { role: 'tool', tool_call_id: 'call_0', content: '{"sky":"sunny"}' },
          ],
          tools: [
            {
              type: 'function',
              function: {
                name: 'weather',
                description: 'Current weather',
                parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f'] } }, required: ['city'] },
              },
            },
          ],
          tool_choice: 'auto',
          temperature: 0.2,
          max_tokens: 200,
        },
        { headers: { 'x-request-id': id } },
      )
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('It is sunny in Paris.');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage).toEqual({ prompt_tokens: 1000, completion_tokens: 150, total_tokens: 1150, prompt_tokens_details: { cached_tokens: 400 }, completion_tokens_details: { reasoning_tokens: 50 } });
    const request = only();
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request.headers['x-goog-api-key']).toBe(GEMINI_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchInlineSnapshot(`
      {
        "contents": [
          {
            "parts": [
              {
                "text": "Weather in Paris?",
              },
            ],
            "role": "user",
          },
          {
            "parts": [
              {
                "functionCall": {
                  "args": {
                    "city": "Paris",
                  },
                  "name": "weather",
                },
              },
            ],
            "role": "model",
          },
          {
            "parts": [
              {
                "functionResponse": {
                  "name": "weather",
                  "response": {
                    "content": {
                      "sky": "sunny",
                    },
                  },
                },
              },
            ],
            "role": "user",
          },
        ],
        "generationConfig": {
          "maxOutputTokens": 200,
          "temperature": 0.2,
        },
        "systemInstruction": {
          "parts": [
            {
              "text": "Be brief.",
            },
          ],
        },
        "toolConfig": {
          "functionCallingConfig": {
            "mode": "AUTO",
          },
        },
        "tools": [
          {
            "functionDeclarations": [
              {
                "description": "Current weather",
                "name": "weather",
                "parameters": {
                  "properties": {
                    "city": {
                      "type": "STRING",
                    },
                    "unit": {
                      "enum": [
                        "c",
                        "f",
                      ],
                      "nullable": true,
                      "type": "STRING",
                    },
                  },
                  "required": [
                    "city",
                  ],
                  "type": "OBJECT",
                },
              },
            ],
          },
        ],
      }
    `);
    expect(response.headers.get(COST_HEADER)).toBe(USAGE_COST);
    expect((await recorder.eventFor(id)).cost).toBe(USAGE_COST);
  });

  it('streams with ?alt=sse: text, then two parallel function calls with distinct indexes, thought signature carried in the id; priced from the last usageMetadata', async () => {
    upstream.handle((_request, response) => {
      sendSse(response, [
        { candidates: [{ content: { role: 'model', parts: [{ text: 'Checking ' }] } }], usageMetadata: { promptTokenCount: 1000, cachedContentTokenCount: 400, candidatesTokenCount: 2 } },
        { candidates: [{ content: { role: 'model', parts: [{ text: 'both.' }] } }] },
        {
          candidates: [
            {
              content: { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTE=' }, { functionCall: { name: 'weather', args: { city: 'Rome' } } }] },
              finishReason: 'STOP',
            },
          ],
          usageMetadata: USAGE,
        },
      ]);
      return true;
    });
    const id = nextId();
    const stream = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'Paris and Rome?' }], stream: true }, { headers: { 'x-request-id': id } });
    let text = '';
    const calls: { index: number; id?: string; name?: string; arguments?: string }[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      text += choice?.delta.content ?? '';
      for (const call of choice?.delta.tool_calls ?? []) calls.push({ index: call.index, id: call.id, name: call.function?.name, arguments: call.function?.arguments });
      finish = choice?.finish_reason ?? finish;
    }
    expect(text).toBe('Checking both.');
    expect(calls).toEqual([
      { index: 0, id: 'call_0__thought__c2lnLTE=', name: 'weather', arguments: '{"city":"Paris"}' },
      { index: 1, id: 'call_1', name: 'weather', arguments: '{"city":"Rome"}' },
    ]);
    expect(finish).toBe('tool_calls');
    expect(only().path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    // The last usageMetadata, not a sum of the two.
    expect((await recorder.eventFor(id)).cost).toBe(USAGE_COST);
  });

  it('sends the thought signature back with its function call in the next turn', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1 } });
      return true;
    });
    await client.chat.completions.create({
      model: 'flash',
      messages: [
        { role: 'user', content: 'Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_0__thought__c2lnLTE=', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_0__thought__c2lnLTE=', content: 'sunny' },
      ],
    });
    const body = only().body;
    expect(body.contents[1]).toEqual({ role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTE=' }] });
    expect(body.contents[2]).toEqual({ role: 'user', parts: [{ functionResponse: { name: 'weather', response: { content: 'sunny' } } }] });
  });

  it('a 429 with RetryInfo: 429 rate_limit_error with retry-after from retryDelay', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 429, {
        error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '6.5s' }] },
      });
      return true;
    });
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'flash', messages: [{ role: 'user', content: 'hi' }] }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'resource_exhausted', type: 'rate_limit_error' });
  });

  it('a blocked prompt: 400 content_policy_violation', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 8 } });
      return true;
    });
    const error = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('content_policy_violation');
  });

  it('an invalid key echoed by Google is redacted; the gateway keeps serving', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 400, { error: { code: 400, message: `API key not valid: ${GEMINI_KEY}. Please pass a valid API key.`, status: 'INVALID_ARGUMENT' } });
      return true;
    });
    const response = await fetch(`${host.gatewayUrl}/v1/chat/completions`, postJson({ model: 'flash', messages: [{ role: 'user', content: 'hi' }] }));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(GEMINI_KEY);
    expect(JSON.parse(text).error.message).toContain('API key not valid');
  });

  it('a stream cut before any finishReason ends with an error event, not a clean end', async () => {
    upstream.handle((_request, response) => {
      sendSse(response, [{ candidates: [{ content: { parts: [{ text: 'Half' }] } }] }]);
      return true;
    });
    const stream = await client.chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const failure = await (async () => {
      for await (const _chunk of stream) void _chunk;
    })().catch((caught: unknown) => caught);
    expect(String((failure as Error).message)).toContain('ended early');
  });

  it('embeddings: batchEmbedContents, one request per input, dimensions as outputDimensionality; no usage invented, so no cost', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, { embeddings: [{ values: [0.5, -1.25] }, { values: [2, 0] }] });
      return true;
    });
    const id = nextId();
    const { data, response } = await client.embeddings.create({ model: 'embed', input: ['a', 'b'], dimensions: 2, encoding_format: 'float' }, { headers: { 'x-request-id': id } }).withResponse();
    expect(data.data.map((item) => item.embedding)).toEqual([[0.5, -1.25], [2, 0]]);
    const request = only();
    expect(request.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(request.body).toMatchInlineSnapshot(`
      {
        "requests": [
          {
            "content": {
              "parts": [
                {
                  "text": "a",
                },
              ],
            },
            "model": "models/gemini-embedding-001",
            "outputDimensionality": 2,
          },
          {
            "content": {
              "parts": [
                {
                  "text": "b",
                },
              ],
            },
            "model": "models/gemini-embedding-001",
            "outputDimensionality": 2,
          },
        ],
      }
    `);
    expect(response.headers.get(COST_HEADER)).toBeNull();
    expect((await recorder.eventFor(id)).cost).toBeNull();
  });

  it('/v1/responses is bridged over generateContent', async () => {
    upstream.handle((_request, response) => {
      sendJson(response, 200, { candidates: [{ content: { role: 'model', parts: [{ text: 'Bonjour' }] }, finishReason: 'STOP' }], usageMetadata: USAGE });
      return true;
    });
    const result = await client.responses.create({ model: 'flash', instructions: 'Answer in French.', input: 'Hello' });
    expect(result.output_text).toBe('Bonjour');
    expect(result.usage).toMatchObject({ input_tokens: 1000, output_tokens: 150, input_tokens_details: { cached_tokens: 400 }, output_tokens_details: { reasoning_tokens: 50 } });
    const body = only().body;
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Answer in French.' }] });
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'Hello' }] }]);
  });
});
