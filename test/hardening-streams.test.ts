// Honest streams (issue 7, items 10–15; issue 9, item 14): a flaky upstream — JSON where a stream
// was asked for, a redirect, a cut or truncated stream, an oversized answer, a long stream under
// backpressure — never turns into a stream that looks like a success, in any host. Each test
// checks what the client sees (the openai SDK, the AI SDK, or raw fetch) AND the cost event.
import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';
import { getEventListeners, once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeNodeResponse, type GatewayConfig, type SseEvent } from '@switchyard/core';
import { CostRecorder } from './support/cost-events.js';
import { FaultUpstream } from './support/fault-upstream.js';
import { ALL_HOSTS, type Host, type StartHost } from './support/hosts.js';
import { modelEntry, postJson } from './support/model-config.js';

const HI = [{ role: 'user' as const, content: 'Hi' }];
/** The response size cap of these tests' config: 1 MB (the fault upstream's big answers are 3 MB). */
const CAP_MB = 1;

/** The client-facing names: `fault-…` go straight to the fault of that name; `bridged-…` cross a bridge. */
function faultConfig(apiBase: string): GatewayConfig {
  const faults = [
    'fault-json-200',
    'fault-html-200',
    'fault-html-502',
    'fault-redirect',
    'fault-truncated',
    'fault-socket-cut',
    'fault-no-done',
    'fault-error-string',
    'fault-error-untyped',
    'fault-error-typed',
    'fault-midstream-error',
    'fault-big-json',
    'fault-big-json-length',
    'fault-big-event',
    'fault-long-stream',
  ];
  const chatOnly = { mode: 'chat', endpoints: ['chat.completions'] };
  return {
    model_list: [
      ...faults.map((name) => modelEntry(apiBase, name, `openai/${name}`)),
      modelEntry(apiBase, 'gpt-4o-mini', 'openai/gpt-4o-mini'),
      // Responses clients on a chat-only server (Responses → Chat bridge).
      modelEntry(apiBase, 'bridged-truncated', 'hosted_vllm/fault-truncated', {}, chatOnly),
      modelEntry(apiBase, 'bridged-midstream-error', 'hosted_vllm/fault-midstream-error', {}, chatOnly),
      modelEntry(apiBase, 'bridged-no-done', 'hosted_vllm/fault-no-done', {}, chatOnly),
    ],
    general_settings: { master_key: 'sk-master', max_response_size_mb: CAP_MB },
  };
}

/** The SSE frames of a raw response, parsed just enough to look at them. */
async function framesOf(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1] ?? '';
      const parsed = data === '[DONE]' ? data : JSON.parse(data);
      return event === undefined ? { data: parsed } : { event, data: parsed };
    });
}

const chatStream = (model: string) => postJson({ model, messages: HI, stream: true });
const responsesStream = (model: string) => postJson({ model, input: 'Hi', stream: true });

describe.each(ALL_HOSTS)('honest streams through the %s host', (_name, startHost: StartHost) => {
  let faults: FaultUpstream;
  let host: Host;
  let client: OpenAI;
  const costs = new CostRecorder();
  /** The most abort listeners the request's signal had at any event of a stream (see item 15). */
  const signalListeners: number[] = [];

  beforeAll(async () => {
    faults = await FaultUpstream.start();
    faults.bigBytes = 3 * 1_000_000;
    host = await startHost({
      config: faultConfig(faults.url),
      onCost: costs.listener,
      // Watches the request's abort signal while a stream flows: listeners must not pile up.
      stages: [
        {
          name: 'count-signal-listeners',
          after: 'provider',
          run: async (context, next) => {
            await next();
            const response = context.response;
            if (response?.kind !== 'stream') return;
            const events = response.events;
            response.events = (async function* () {
              let most = 0;
              for await (const event of events) {
                most = Math.max(most, getEventListeners(context.signal, 'abort').length);
                yield event;
              }
              signalListeners.push(most);
            })();
          },
        },
      ],
    });
    client = new OpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master', maxRetries: 0 });
  });
  afterAll(async () => {
    await host.close();
    await faults.close();
  });
  beforeEach(() => {
    faults.reset();
    faults.bigBytes = 3 * 1_000_000;
  });

  const post = (init: RequestInit, path = '/v1/chat/completions') => fetch(`${host.gatewayUrl}${path}`, init);
  const requestIdOf = (response: Response) => response.headers.get('x-request-id');

  describe('item 10: a stream request answered with JSON or HTML', () => {
    it('is an OpenAI-style error, not an empty 200 stream billed as success', async () => {
      for (const [model, path, status, mediaType] of [
        ['fault-json-200', '/v1/chat/completions', 502, 'application/json'],
        ['fault-html-200', '/v1/responses', 502, 'text/html'],
        ['fault-html-502', '/v1/chat/completions', 502, undefined],
      ] as const) {
        const init = path === '/v1/responses' ? responsesStream(model) : chatStream(model);
        const response = await post(init, path);
        expect(response.status, model).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await response.json()) as any;
        expect(body.error).toMatchObject({ type: 'upstream_error' });
        if (mediaType !== undefined) {
          expect(body.error.code).toBe('upstream_invalid_response');
          expect(body.error.message).toContain(mediaType);
          expect(body.error.message).toContain('text/event-stream');
        }
        expect(await costs.eventFor(requestIdOf(response))).toMatchObject({ status, outcome: 'error', stream: true });
      }
    });

    it('reaches the openai SDK as an APIError with the status', async () => {
      const error = await client.chat.completions.create({ model: 'fault-json-200', messages: HI, stream: true }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(502);
      expect((error as APIError).code).toBe('upstream_invalid_response');
    });
  });

  describe('item 11: a truncated upstream stream', () => {
    it('ends a chat stream with an error chunk that the openai SDK throws, billed as an error', async () => {
      for (const model of ['fault-truncated', 'fault-socket-cut']) {
        const { data: stream, response } = await client.chat.completions.create({ model, messages: HI, stream: true }).withResponse();
        let text = '';
        const error = await (async () => {
          for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        })().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(text, model).toBe('Hel');
        expect(error, model).toBeInstanceOf(APIError);
        const event = await costs.eventFor(response.headers.get('x-request-id'));
        expect(event.outcome, model).toBe('error');
        expect(event.errorCode).not.toBeNull();
      }
    });

    it('ends a chat stream with data: {"error": …} on the wire', async () => {
      const response = await post(chatStream('fault-truncated'));
      const frames = await framesOf(response);
      expect(frames.at(-1)).toEqual({
        data: { error: expect.objectContaining({ code: 'upstream_invalid_response', message: expect.stringContaining('ended early'), type: 'upstream_error' }) },
      });
    });

    it('ends a Responses stream with the spec error event, numbered after the last event', async () => {
      for (const model of ['fault-truncated', 'fault-socket-cut']) {
        const response = await post(responsesStream(model), '/v1/responses');
        const frames = await framesOf(response);
        expect(frames.map((frame) => frame.event), model).toEqual(['response.created', 'response.output_text.delta', 'error']);
        expect(frames.at(-1)!.data, model).toEqual({ type: 'error', code: expect.any(String), message: expect.any(String), param: null, sequence_number: 2 });
        expect((await costs.eventFor(requestIdOf(response))).outcome, model).toBe('error');
      }
    });

    it('gives the openai SDK the error event of a truncated Responses stream', async () => {
      const stream = await client.responses.create({ model: 'fault-truncated', input: 'Hi', stream: true });
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      expect(types).toEqual(['response.created', 'response.output_text.delta', 'error']);
    });

    it('adds the [DONE] a finished chat stream lacks, billed as a success with its usage', async () => {
      const response = await post(chatStream('fault-no-done'));
      const frames = await framesOf(response);
      expect(frames.at(-1)).toEqual({ data: '[DONE]' });
      expect(frames.some((frame) => (frame.data as any)?.error !== undefined)).toBe(false);
      const event = await costs.eventFor(requestIdOf(response));
      expect(event).toMatchObject({ outcome: 'success', usage: expect.objectContaining({ inputTokens: 12 }) });

      const stream = await client.chat.completions.create({ model: 'fault-no-done', messages: HI, stream: true });
      const finish: (string | null | undefined)[] = [];
      for await (const chunk of stream) finish.push(chunk.choices[0]?.finish_reason);
      expect(finish).toContain('stop');

      // Bridged to a Responses client, the same stream completes: the bridge needs no [DONE] either.
      const bridged = await post(responsesStream('bridged-no-done'), '/v1/responses');
      expect((await framesOf(bridged)).at(-1)?.event).toBe('response.completed');
      expect((await costs.eventFor(requestIdOf(bridged))).outcome).toBe('success');
    });

    it('ends a bridged Responses stream (chat upstream cut) with error, then response.failed', async () => {
      const response = await post(responsesStream('bridged-truncated'), '/v1/responses');
      const frames = await framesOf(response);
      const [error, failed] = frames.slice(-2);
      expect(error).toMatchObject({ event: 'error', data: { type: 'error', code: 'upstream_invalid_response', param: null } });
      expect(failed).toMatchObject({ event: 'response.failed', data: { type: 'response.failed', response: { status: 'failed', error: { code: 'upstream_invalid_response' } } } });
      const numbers = frames.map((frame) => (frame.data as any).sequence_number);
      expect(numbers).toEqual(numbers.map((_number, index) => index));
      expect((await costs.eventFor(requestIdOf(response))).outcome).toBe('error');
    });
  });

  describe('issue 9 item 14: a mid-stream error on a bridged Responses stream', () => {
    it('is reported by the AI SDK with the upstream message', async () => {
      const openai = createOpenAI({ baseURL: `${host.gatewayUrl}/v1`, apiKey: 'sk-master' });
      const errors: unknown[] = [];
      const result = streamText({ model: openai.responses('bridged-midstream-error'), prompt: 'Hi', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(text).toBe('Hel');
      // The upstream's own message and code, not a schema failure quoting the raw event.
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ message: 'The upstream ran out of GPU memory', code: 'gpu_oom' });
      expect(await result.finishReason).toBe('error');
    });

    it('is the spec error event followed by response.failed on the wire, billed as an error', async () => {
      const response = await post(responsesStream('bridged-midstream-error'), '/v1/responses');
      const frames = await framesOf(response);
      expect(frames.slice(-2)).toMatchObject([
        { event: 'error', data: { type: 'error', code: 'gpu_oom', message: 'The upstream ran out of GPU memory', sequence_number: frames.length - 2 } },
        { event: 'response.failed', data: { type: 'response.failed', sequence_number: frames.length - 1, response: { error: { message: 'The upstream ran out of GPU memory' } } } },
      ]);
      expect((await costs.eventFor(requestIdOf(response))).outcome).toBe('error');
    });
  });

  describe('item 12: an upstream redirect', () => {
    it('is a 502 naming the redirect, without passing the Location on', async () => {
      for (const init of [postJson({ model: 'fault-redirect', messages: HI }), chatStream('fault-redirect')]) {
        const response = await post(init);
        expect(response.status).toBe(502);
        expect(response.headers.get('location')).toBeNull();
        const text = await response.text();
        expect(JSON.parse(text).error).toMatchObject({ type: 'upstream_error', message: expect.stringContaining('redirect (HTTP 302)') });
        expect(text).not.toContain('login.example.com');
        expect(text).not.toContain('sk-redirect-secret');
        expect(await costs.eventFor(requestIdOf(response))).toMatchObject({ status: 502, outcome: 'error' });
      }
      const error = await client.chat.completions.create({ model: 'fault-redirect', messages: HI }).catch((caught: unknown) => caught);
      expect((error as APIError).status).toBe(502);
    });
  });

  describe('item 13: a Responses error event of any shape', () => {
    it('is billed as a failure', async () => {
      for (const model of ['fault-error-string', 'fault-error-untyped', 'fault-error-typed']) {
        const response = await post(responsesStream(model), '/v1/responses');
        const frames = await framesOf(response);
        expect(frames.at(-1)?.event, model).toBe('error');
        expect((await costs.eventFor(requestIdOf(response))).outcome, model).toBe('error');
      }
    });
  });

  describe('item 14: the upstream response size cap', () => {
    it('answers 502 for a JSON body over the cap and aborts the upstream request', async () => {
      // Bigger than the loopback socket buffers, so a gateway that reads on is seen doing so.
      faults.bigBytes = 16 * 1_000_000;
      for (const model of ['fault-big-json', 'fault-big-json-length']) {
        const error = await client.chat.completions.create({ model, messages: HI }).catch((caught: unknown) => caught);
        expect(error, model).toBeInstanceOf(APIError);
        expect((error as APIError).status).toBe(502);
        expect((error as APIError).code).toBe('upstream_response_too_large');
        expect((error as APIError).message).toContain(`${CAP_MB} MB (general_settings.max_response_size_mb)`);
        await expect.poll(() => faults.closedEarly, { timeout: 3_000 }).toContain(model);
      }
      // The gateway goes on serving.
      const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HI });
      expect(reply.choices[0]?.message.content).toBe('Hello from upstream');
    });

    it('ends a stream whose single event is over the cap with an error, and aborts the upstream', async () => {
      faults.bigBytes = 16 * 1_000_000;
      const response = await post(chatStream('fault-big-event'));
      const frames = await framesOf(response);
      expect(frames.at(-1)).toMatchObject({ data: { error: { code: 'upstream_response_too_large' } } });
      await expect.poll(() => faults.closedEarly, { timeout: 3_000 }).toContain('fault-big-event');
      expect(await costs.eventFor(requestIdOf(response))).toMatchObject({ outcome: 'error', errorCode: 'upstream_response_too_large' });

      const responses = await post(responsesStream('fault-big-event'), '/v1/responses');
      expect((await framesOf(responses)).at(-1)).toMatchObject({ event: 'error', data: { type: 'error', code: 'upstream_response_too_large', sequence_number: 1 } });

      // A stream as a whole has no cap: 4 MB of small events, over the 1 MB cap in total, pass.
      faults.bigBytes = 4 * 1_000_000;
      const long = await post(chatStream('fault-long-stream'));
      const longFrames = await framesOf(long);
      expect(longFrames.at(-1)).toEqual({ data: '[DONE]' });
      expect(longFrames.length).toBeGreaterThan(200);
      expect((await costs.eventFor(requestIdOf(long))).outcome).toBe('success');
    });
  });

  describe('item 15: a long stream under backpressure', () => {
    it('adds no listeners per pause: no MaxListenersExceededWarning, signal listeners flat', async () => {
      faults.bigBytes = 24 * 1_000_000;
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => void warnings.push(warning);
      process.on('warning', onWarning);
      signalListeners.length = 0;
      try {
        const response = await post(chatStream('fault-long-stream'));
        // Read slowly, so the gateway's writes meet a full socket again and again.
        const reader = response.body!.getReader();
        let bytes = 0;
        let reads = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.length;
          if (++reads % 64 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
        expect(bytes).toBeGreaterThan(24 * 1_000_000);
        await costs.eventFor(requestIdOf(response));
      } finally {
        process.off('warning', onWarning);
      }
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map(String)).toEqual([]);
      expect(signalListeners).toHaveLength(1);
      expect(signalListeners[0]).toBeLessThanOrEqual(3);
    });
  });
});

describe('writeNodeResponse under backpressure', () => {
  it('keeps the response listener count flat however often the socket fills', async () => {
    const counts: number[] = [];
    const piece = { choices: [{ index: 0, delta: { content: 'w'.repeat(32_000) }, finish_reason: null }] };
    const server = createServer((_request, response) => {
      const events = (async function* () {
        for (let index = 0; index < 400; index++) {
          counts.push(response.listenerCount('close') + response.listenerCount('drain') + response.listenerCount('error'));
          yield { data: piece };
        }
        yield { data: '[DONE]' };
      })();
      void writeNodeResponse(response, { kind: 'stream', status: 200, headers: {}, events });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const reader = response.body!.getReader();
      let reads = 0;
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
        if (++reads % 32 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
    expect(counts).toHaveLength(400);
    // Whatever Node itself attaches, the count at the last event is the count at the first.
    expect(Math.max(...counts)).toBe(counts[0]);
  });
});
