import { describe, expect, it } from 'vitest';
import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { ModelCapability } from '../generated/capability.js';
import { SSE_DONE, type GatewayResponse } from '../http/gateway-response.js';
import { createMockProvider } from '../providers/mock-provider.js';
import type { Endpoint, Provider, ProviderCall } from '../providers/provider.js';
import { collect, dataOf, fixtureEvents, readJsonFixture } from './__fixtures__/fixtures.js';
import { callModel } from './call-model.js';
import { testDeployment } from '../testing/test-deployment.js';

const deployment = testDeployment({ id: 'model#0', modelName: 'model', upstreamModel: 'upstream-model' });

/** A provider that records every call and answers with whatever the test queued. */
function fakeProvider(endpoints: readonly Endpoint[], answer: (call: ProviderCall) => GatewayResponse) {
  const calls: ProviderCall[] = [];
  const provider: Provider = {
    endpoints: new Set(endpoints),
    async send(call) {
      calls.push(call);
      return answer(call);
    },
  };
  return { provider, calls };
}

function target(capability: ModelCapability | undefined): ModelTarget {
  return { deployment, capability, capabilityName: undefined, pricing: undefined, prepare: (_endpoint, body) => ({ body, dropped: [] }) };
}

function call(provider: Provider, endpoint: Endpoint, capability: ModelCapability | undefined, body: Record<string, unknown>) {
  return callModel({ provider, target: target(capability), endpoint, body, signal: new AbortController().signal, requestId: 'req_1' });
}

const json = (body: unknown, status = 200): GatewayResponse => ({ kind: 'json', status, headers: { 'content-type': 'application/json', 'content-length': '999' }, body });
const responsesOnly: ModelCapability = { provider: 'openai', mode: 'responses', endpoints: ['responses', 'batch'] };
const chatMessages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Capital of France?' },
];

describe('callModel', () => {
  it('sends a chat request for a responses-mode model to /responses and answers with a chat.completion', async () => {
    const { provider, calls } = fakeProvider(['chat.completions', 'responses'], () => json(readJsonFixture('responses-text.json')));
    const response = await call(provider, 'chat.completions', responsesOnly, { model: 'upstream-model', messages: chatMessages, max_tokens: 300, reasoning_effort: 'high' });
    expect(calls.map(({ endpoint, stream, body }) => ({ endpoint, stream, body }))).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "input": [
              {
                "content": "Capital of France?",
                "role": "user",
              },
            ],
            "instructions": "Be brief.",
            "max_output_tokens": 300,
            "model": "upstream-model",
            "reasoning": {
              "effort": "high",
            },
            "store": false,
          },
          "endpoint": "responses",
          "stream": false,
        },
      ]
    `);
    expect(response.headers['x-switchyard-bridge']).toBe('chat-to-responses');
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.kind === 'json' && response.body).toMatchObject({
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Paris is the capital of France.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 328, completion_tokens: 152, prompt_tokens_details: { cached_tokens: 256 }, completion_tokens_details: { reasoning_tokens: 128 } },
    });
  });

  it('streams a bridged chat request as chat.completion.chunk events', async () => {
    const { provider, calls } = fakeProvider(['chat.completions', 'responses'], () => ({
      kind: 'stream',
      status: 200,
      headers: {},
      events: fixtureEvents('responses-parallel-tool-calls.chunks.txt'),
    }));
    const response = await call(provider, 'chat.completions', responsesOnly, {
      model: 'upstream-model',
      messages: chatMessages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(calls[0]).toMatchObject({ endpoint: 'responses', stream: true });
    expect(calls[0]?.body).not.toHaveProperty('stream_options');
    expect(response.kind).toBe('stream');
    const data = response.kind === 'stream' ? dataOf(await collect(response.events)) : [];
    expect(data.at(-1)).toBe(SSE_DONE);
    expect(data.at(-2)).toMatchObject({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 91 } });
    expect(response.headers['x-switchyard-bridge']).toBe('chat-to-responses');
  });

  it('bridges when capability endpoints list responses but not chat.completions', async () => {
    const { provider, calls } = fakeProvider(['chat.completions', 'responses'], () => json(readJsonFixture('responses-text.json')));
    await call(provider, 'chat.completions', { provider: 'openai', mode: 'chat', endpoints: ['responses'] }, { model: 'upstream-model', messages: chatMessages });
    expect(calls[0]?.endpoint).toBe('responses');
  });

  it('sends a Responses request to /chat/completions when the provider has no Responses endpoint', async () => {
    const { provider, calls } = fakeProvider(['chat.completions'], () => json(readJsonFixture('chat-completion-tool-calls.json')));
    const response = await call(provider, 'responses', undefined, { model: 'upstream-model', instructions: 'Be brief.', input: 'Weather?', max_output_tokens: 300 });
    expect(calls.map(({ endpoint, stream, body }) => ({ endpoint, stream, body }))).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "max_completion_tokens": 300,
            "messages": [
              {
                "content": "Be brief.",
                "role": "system",
              },
              {
                "content": "Weather?",
                "role": "user",
              },
            ],
            "model": "upstream-model",
          },
          "endpoint": "chat.completions",
          "stream": false,
        },
      ]
    `);
    expect(response.headers['x-switchyard-bridge']).toBe('responses-to-chat');
    expect(response.kind === 'json' && response.body).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ type: 'message' }, { type: 'function_call', call_id: 'call_abc123' }, { type: 'function_call', call_id: 'call_def456' }],
    });
  });

  it('bridges a Responses request when the capability lacks the responses endpoint, honouring token_param', async () => {
    const { provider, calls } = fakeProvider(['chat.completions', 'responses'], () => json(readJsonFixture('chat-completion-tool-calls.json')));
    const capability: ModelCapability = { provider: 'openai', mode: 'chat', endpoints: ['chat.completions'], token_param: 'max_tokens' };
    await call(provider, 'responses', capability, { model: 'upstream-model', input: 'Hi', max_output_tokens: 50 });
    expect(calls[0]).toMatchObject({ endpoint: 'chat.completions', body: { max_tokens: 50 } });
  });

  it('streams a bridged Responses request as Responses events', async () => {
    const { provider, calls } = fakeProvider(['chat.completions'], () => ({
      kind: 'stream',
      status: 200,
      headers: {},
      events: fixtureEvents('chat-parallel-tool-calls.chunks.txt'),
    }));
    const response = await call(provider, 'responses', undefined, { model: 'upstream-model', input: 'Weather?', stream: true });
    expect(calls[0]).toMatchObject({ endpoint: 'chat.completions', stream: true, body: { stream: true, stream_options: { include_usage: true } } });
    const data = response.kind === 'stream' ? dataOf(await collect(response.events)) : [];
    expect(data[0].type).toBe('response.created');
    expect(data.at(-1).type).toBe('response.completed');
  });

  it('passes everything else through unchanged, without a bridge header', async () => {
    const chatBody = { model: 'upstream-model', messages: chatMessages, stop: ['\n'] };
    const chat = fakeProvider(['chat.completions', 'responses'], () => json({ object: 'chat.completion' }));
    const chatResponse = await call(chat.provider, 'chat.completions', { provider: 'openai', mode: 'chat' }, chatBody);
    expect(chat.calls[0]).toMatchObject({ endpoint: 'chat.completions', body: chatBody });
    expect(chatResponse.headers).not.toHaveProperty('x-switchyard-bridge');

    const responsesBody = { model: 'upstream-model', input: 'Hi', previous_response_id: 'resp_1' };
    const responses = fakeProvider(['chat.completions', 'responses'], () => json({ object: 'response' }));
    await call(responses.provider, 'responses', responsesOnly, responsesBody);
    expect(responses.calls[0]).toMatchObject({ endpoint: 'responses', body: responsesBody });
  });

  it('leaves an upstream error body as it is', async () => {
    const error = { error: { message: 'Bad input', type: 'invalid_request_error', param: null, code: null } };
    const { provider } = fakeProvider(['chat.completions', 'responses'], () => json(error, 400));
    const response = await call(provider, 'chat.completions', responsesOnly, { model: 'upstream-model', messages: chatMessages });
    expect(response).toMatchObject({ status: 400, body: error });
  });

  it('refuses with unsupported_endpoint when the provider cannot serve a responses-only model', async () => {
    const { provider, calls } = fakeProvider(['chat.completions'], () => json({}));
    await expect(call(provider, 'chat.completions', responsesOnly, { model: 'upstream-model', messages: chatMessages })).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_endpoint',
    });
    expect(calls).toHaveLength(0);
  });

  it('bridges both ways through the built-in mock provider, streaming', async () => {
    const mock = { ...createMockProvider(), endpoints: new Set<Endpoint>(['chat.completions']) };
    const mockTarget = { ...target(undefined), deployment: { ...deployment, mockResponse: 'Hello from the mock' } };
    const options = { signal: new AbortController().signal, requestId: 'req_1', target: mockTarget };
    const responses = await callModel({ ...options, provider: mock, endpoint: 'responses', body: { model: 'm', input: 'Hi', stream: true } });
    const events = responses.kind === 'stream' ? dataOf(await collect(responses.events)) : [];
    expect(events.at(-1)).toMatchObject({ type: 'response.completed', response: { output: [{ content: [{ text: 'Hello from the mock' }] }] } });

    const chat = await callModel({ ...options, target: { ...mockTarget, capability: responsesOnly }, provider: createMockProvider(), endpoint: 'chat.completions', body: { model: 'm', messages: chatMessages, stream: true } });
    const chunks = chat.kind === 'stream' ? dataOf(await collect(chat.events)) : [];
    const text = chunks.filter((chunk) => chunk !== SSE_DONE).map((chunk) => chunk.choices[0].delta.content ?? '').join('');
    expect(text).toBe('Hello from the mock');
  });
});
