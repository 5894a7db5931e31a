import { formatAttoUsd, RESPONSE_COST_HEADER, SSE_DONE } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it, it as itCase } from 'vitest';
import { chatBody, collectToolCalls, postJson, postStream, type StreamReply } from './client.js';
import type { ConformanceOptions } from './conformance-options.js';
import { CONFORMANCE_PARALLEL_TOOL_CALLS, CONFORMANCE_PRICING_ATTO, CONFORMANCE_TEXT, CONFORMANCE_TOOL_CALL, CONFORMANCE_TOOLS, DEFAULT_TEST_KEY } from './expectations.js';
import { ScriptedUpstream } from './scripted-upstream.js';
import { startTestkitGateway, type TestkitGateway } from './testkit-gateway.js';

/**
 * The provider conformance suite: call it at the top level of a vitest file with the plugin
 * and its scripted fixtures. It starts a fake upstream on loopback and core's gateway with only
 * that plugin, and checks what a client of the OpenAI API must get (docs: README, "Testing a
 * provider plugin").
 */
export function runProviderConformance(options: ConformanceOptions): void {
  describe(`provider conformance: ${options.name}`, () => {
    const key = options.apiKey ?? DEFAULT_TEST_KEY;
    const { fixtures } = options;
    let upstream: ScriptedUpstream;
    let gateway: TestkitGateway;
    /** Every body and header value the client got, for the key check at the end. */
    const seenByClient: string[] = [];

    beforeAll(async () => {
      upstream = await ScriptedUpstream.start();
      gateway = await startTestkitGateway(options, upstream.origin);
    });
    afterAll(async () => {
      await gateway?.close();
      await upstream?.close();
    });

    const json = async (script: Parameters<ScriptedUpstream['next']>[0]['script'], extra: Record<string, unknown> = {}, path = '/v1/chat/completions') => {
      upstream.next({ kind: 'answer', script });
      const reply = await postJson(gateway.url, path, chatBody(extra));
      seenByClient.push(reply.text, JSON.stringify([...reply.headers]));
      return reply;
    };
    const stream = async (script: Parameters<ScriptedUpstream['next']>[0]['script'], extra: Record<string, unknown> = {}, kind: 'answer' | 'cut' = 'answer') => {
      upstream.next({ kind, script });
      const reply = await postStream(gateway.url, chatBody({ stream: true, ...extra }));
      seenByClient.push(reply.raw, JSON.stringify([...reply.headers]));
      return reply;
    };
    const choiceChunks = (reply: StreamReply) => reply.events.filter((event) => Array.isArray(event?.choices) && event.choices.length > 0);
    const content = (reply: StreamReply) => choiceChunks(reply).map((event) => event.choices[0].delta?.content ?? '').join('');
    const expectedCost = () => {
      const cached = BigInt(options.usage.cached_tokens ?? 0);
      const atto =
        (BigInt(options.usage.prompt_tokens) - cached) * CONFORMANCE_PRICING_ATTO.input +
        cached * CONFORMANCE_PRICING_ATTO.cached_input +
        BigInt(options.usage.completion_tokens) * CONFORMANCE_PRICING_ATTO.output;
      return formatAttoUsd(atto);
    };

    describe('text, JSON', () => {
      let reply: Awaited<ReturnType<typeof json>>;
      beforeAll(async () => {
        reply = await json(fixtures.text.json);
      });
      it('answers 200 with a chat.completion', () => {
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ object: 'chat.completion', choices: [{ index: 0 }] });
        expect(typeof reply.body.id).toBe('string');
      });
      it('carries the text as the assistant message', () => {
        expect(reply.body.choices[0].message).toMatchObject({ role: 'assistant', content: CONFORMANCE_TEXT });
      });
      it('finishes with stop', () => {
        expect(reply.body.choices[0].finish_reason).toBe('stop');
      });
      it('reports the mapped usage', () => {
        const { prompt_tokens, completion_tokens } = options.usage;
        expect(reply.body.usage).toMatchObject({ prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens });
        expect(reply.body.usage.prompt_tokens_details?.cached_tokens ?? 0).toBe(options.usage.cached_tokens ?? 0);
      });
      it('prices the mapped usage exactly (x-switchyard-response-cost)', () => {
        expect(reply.headers.get(RESPONSE_COST_HEADER)).toBe(expectedCost());
      });
      it("sends the deployment's key upstream", () => {
        const request = upstream.requests.at(-1)!;
        expect(request.method).toBe('POST');
        expect(JSON.stringify(request.headers)).toContain(key);
      });
    });

    describe('text, streaming', () => {
      let reply: StreamReply;
      beforeAll(async () => {
        reply = await stream(fixtures.text.stream, { stream_options: { include_usage: true } });
      });
      it('answers 200 as text/event-stream', () => {
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toMatch(/^text\/event-stream/);
      });
      it('sends the role first', () => {
        expect(choiceChunks(reply)[0].choices[0].delta.role).toBe('assistant');
      });
      it('streams the text in order', () => {
        expect(content(reply)).toBe(CONFORMANCE_TEXT);
      });
      it('sends chat.completion.chunk objects under one id', () => {
        const chunks = reply.events.filter((event) => event !== SSE_DONE);
        expect(new Set(chunks.map((chunk) => chunk.object))).toEqual(new Set(['chat.completion.chunk']));
        expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
      });
      it('sends one finish_reason, stop, on the last choice chunk', () => {
        const finishes = choiceChunks(reply).map((event) => event.choices[0].finish_reason ?? null);
        expect(finishes.filter((reason) => reason !== null)).toEqual(['stop']);
        expect(finishes.at(-1)).toBe('stop');
      });
      it('puts the usage on the final chunk (choices: []) when include_usage is set', () => {
        const last = reply.events.at(-2);
        expect(last.choices).toEqual([]);
        expect(last.usage).toMatchObject({ prompt_tokens: options.usage.prompt_tokens, completion_tokens: options.usage.completion_tokens });
        expect(reply.events.slice(0, -2).filter((event) => event.usage != null)).toEqual([]);
      });
      it('ends with [DONE] and nothing after it', () => {
        expect(reply.events.at(-1)).toBe(SSE_DONE);
        expect(reply.events.filter((event) => event === SSE_DONE)).toHaveLength(1);
      });
      it('emits a cost event with the exact cost of the streamed usage', async () => {
        await waitFor(() => gateway.costEvents.some((event) => event.stream && event.outcome === 'success'));
        const event = gateway.costEvents.find((candidate) => candidate.stream && candidate.outcome === 'success')!;
        expect(event.cost).toBe(expectedCost());
        expect(event.usage).toMatchObject({ inputTokens: options.usage.prompt_tokens, outputTokens: options.usage.completion_tokens });
      });
    });

    it('streams without a usage chunk when the client did not ask for usage', async () => {
      const reply = await stream(fixtures.text.stream);
      expect(content(reply)).toBe(CONFORMANCE_TEXT);
      expect(reply.events.filter((event) => event !== SSE_DONE && (event.usage != null || event.choices?.length === 0))).toEqual([]);
    });

    const tools = fixtures.toolCall !== undefined && fixtures.parallelToolCalls !== undefined;
    const streamStart = fixtures.streamStart;
    // Cases a plugin opts out of are registered as skipped, so the report shows them.
    describe(tools ? 'tools' : 'tools (SKIPPED: the plugin supplies no tool fixtures)', () => {
      const toolCall = fixtures.toolCall!;
      const parallelToolCalls = fixtures.parallelToolCalls!;
      const it = tools ? itCase : itCase.skip;
      it('returns a tool call with its id, name and JSON arguments (JSON)', async () => {
        const reply = await json(toolCall.json, { tools: CONFORMANCE_TOOLS });
        const calls = reply.body.choices[0].message.tool_calls;
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({ type: 'function', function: { name: CONFORMANCE_TOOL_CALL.name } });
        expect(typeof calls[0].id).toBe('string');
        expect(JSON.parse(calls[0].function.arguments)).toEqual(CONFORMANCE_TOOL_CALL.arguments);
      });
      it('finishes a tool call with tool_calls (JSON)', async () => {
        const reply = await json(toolCall.json, { tools: CONFORMANCE_TOOLS });
        expect(reply.body.choices[0].finish_reason).toBe('tool_calls');
      });
      it('streams a tool call: id and name first at index 0, then its arguments', async () => {
        const reply = await stream(toolCall.stream, { tools: CONFORMANCE_TOOLS });
        const calls = collectToolCalls(reply.events);
        expect([...calls.keys()]).toEqual([0]);
        const call = calls.get(0)!;
        expect(call.firstDelta).toMatchObject({ index: 0, function: { name: CONFORMANCE_TOOL_CALL.name } });
        expect(typeof call.firstDelta.id).toBe('string');
        expect(JSON.parse(call.arguments)).toEqual(CONFORMANCE_TOOL_CALL.arguments);
      });
      it('finishes a streamed tool call with tool_calls, then [DONE]', async () => {
        const reply = await stream(toolCall.stream, { tools: CONFORMANCE_TOOLS });
        expect(choiceChunks(reply).at(-1).choices[0].finish_reason).toBe('tool_calls');
        expect(reply.events.at(-1)).toBe(SSE_DONE);
      });
      it('returns parallel tool calls in order with distinct ids (JSON)', async () => {
        const reply = await json(parallelToolCalls.json, { tools: CONFORMANCE_TOOLS });
        const calls = reply.body.choices[0].message.tool_calls;
        expect(calls.map((call: any) => ({ name: call.function.name, arguments: JSON.parse(call.function.arguments) }))).toEqual(CONFORMANCE_PARALLEL_TOOL_CALLS);
        expect(new Set(calls.map((call: any) => call.id)).size).toBe(calls.length);
      });
      it('streams parallel tool calls at indexes 0 and 1, each starting with its id and name', async () => {
        const reply = await stream(parallelToolCalls.stream, { tools: CONFORMANCE_TOOLS });
        const calls = collectToolCalls(reply.events);
        expect([...calls.keys()].sort()).toEqual([0, 1]);
        CONFORMANCE_PARALLEL_TOOL_CALLS.forEach((expected, index) => {
          const call = calls.get(index)!;
          expect(call.firstDelta.function?.name).toBe(expected.name);
          expect(typeof call.firstDelta.id).toBe('string');
        });
        expect(calls.get(0)!.id).not.toBe(calls.get(1)!.id);
      });
      it("streams each parallel call's arguments to its own index", async () => {
        const reply = await stream(parallelToolCalls.stream, { tools: CONFORMANCE_TOOLS });
        const calls = collectToolCalls(reply.events);
        CONFORMANCE_PARALLEL_TOOL_CALLS.forEach((expected, index) => expect(JSON.parse(calls.get(index)!.arguments)).toEqual(expected.arguments));
      });
    });

    describe(streamStart ? 'a stream the upstream breaks off' : 'a stream the upstream breaks off (SKIPPED: no streamStart fixture)', () => {
      let reply: StreamReply;
      const it = streamStart ? itCase : itCase.skip;
      beforeAll(async () => {
        if (streamStart) reply = await stream({ chunks: streamStart }, {}, 'cut');
      });
      it('still answers 200, with what arrived before the failure', () => {
        expect(reply.status).toBe(200);
        expect(choiceChunks(reply)[0]?.choices[0].delta.role).toBe('assistant');
      });
      it('ends with a terminal OpenAI-style error event, not [DONE]', () => {
        const last = reply.events.at(-1);
        expect(last).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
        expect(reply.events).not.toContain(SSE_DONE);
      });
      it('reports the failure in its cost event', async () => {
        await waitFor(() => gateway.costEvents.some((event) => event.stream && event.outcome === 'error'));
      });
    });

    describe('upstream errors', () => {
      for (const status of [400, 404, 500, 503]) {
        it(`passes an upstream ${status} on as an OpenAI-style error with a ${status >= 500 ? '5xx' : 'matching'} status`, async () => {
          const reply = await json(fixtures.error(status, `scripted failure ${status}`));
          if (status >= 500) expect(reply.status).toBeGreaterThanOrEqual(500);
          else expect(reply.status).toBe(status);
          expect(reply.body).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
          expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
        });
      }
      it('keeps a 429 with its retry-after header', async () => {
        const script = fixtures.error(429, 'slow down');
        const reply = await json({ ...script, headers: { ...script.headers, 'retry-after': '7' } });
        expect(reply.status).toBe(429);
        expect(reply.headers.get('retry-after')).toBe('7');
        expect(reply.body.error).toBeDefined();
      });
      it('answers a 401 whose message echoes the key without the key', async () => {
        const reply = await json(fixtures.error(401, `Invalid API key: ${key}`));
        expect(reply.status).toBe(401);
        expect(reply.text).not.toContain(key);
      });
      it('answers an error that arrives in place of a stream as an OpenAI-style error', async () => {
        const reply = await stream(fixtures.error(500, 'stream refused'));
        expect(reply.status).toBeGreaterThanOrEqual(500);
        expect(JSON.parse(reply.raw)).toMatchObject({ error: { message: expect.any(String) } });
      });
      it('keeps serving after every failure', async () => {
        const reply = await json(fixtures.text.json);
        expect(reply.body.choices[0].message.content).toBe(CONFORMANCE_TEXT);
      });
    });

    describe('a client that leaves', () => {
      (streamStart ? itCase : itCase.skip)(`closes the upstream socket when the client aborts a stream${streamStart ? '' : ' (SKIPPED: no streamStart fixture)'}`, async () => {
        upstream.next({ kind: 'hold', script: { chunks: streamStart ?? [] } });
        const index = upstream.requests.length;
        const controller = new AbortController();
        const response = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(chatBody({ stream: true })),
          signal: controller.signal,
        });
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.cancel().catch(() => undefined);
        expect(await upstream.closedEarly(index)).toBe(true);
      });
      it('closes the upstream socket when the client aborts a request waiting for JSON', async () => {
        upstream.next({ kind: 'hold', script: { chunks: [] } });
        const index = upstream.requests.length;
        const controller = new AbortController();
        const pending = postJson(gateway.url, '/v1/chat/completions', chatBody(), controller.signal).catch(() => 'aborted');
        await upstream.received(index);
        controller.abort();
        expect(await pending).toBe('aborted');
        expect(await upstream.closedEarly(index)).toBe(true);
      });
    });

    if (options.responses !== false) {
      it('serves /v1/responses for the model (natively or through the bridge)', async () => {
        upstream.next({ kind: 'answer', script: fixtures.responses ?? fixtures.text.json });
        const reply = await postJson(gateway.url, '/v1/responses', { model: 'conformance-model', input: 'Hello' });
        seenByClient.push(reply.text);
        expect(reply.status).toBe(200);
        expect(reply.body.object).toBe('response');
        expect(JSON.stringify(reply.body.output)).toContain(CONFORMANCE_TEXT);
      });
    }

    it('answers an unreachable upstream with 502 and keeps serving', async () => {
      const dead = await startTestkitGateway(options, 'http://127.0.0.1:9');
      try {
        const reply = await postJson(dead.url, '/v1/chat/completions', chatBody());
        seenByClient.push(reply.text);
        expect(reply.status).toBe(502);
        expect(reply.body.error.code).toBe('upstream_unreachable');
      } finally {
        await dead.close();
      }
    });

    describe('secrets', () => {
      it('never shows the key to a client, in any body or header of the suite', () => {
        expect(seenByClient.length).toBeGreaterThan(10);
        expect(seenByClient.filter((text) => text.includes(key))).toEqual([]);
      });
      it('never writes the key to a log line', () => {
        expect(gateway.logLines.filter((line) => line.includes(key))).toEqual([]);
      });
    });
  });
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
