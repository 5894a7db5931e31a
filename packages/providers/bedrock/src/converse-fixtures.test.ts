// Recorded Converse / ConverseStream payloads (src/__fixtures__/converse/*.json), each with the
// answer a client must get or the Converse body the plugin must send, written by hand beside it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRedactor, isGatewayError } from '@switchyard/core';
import { testDeployment } from '@switchyard/core/testing';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { resolveBedrockTarget } from './bedrock-target.js';
import { converseStreamToChunks } from './converse-stream-to-chunks.js';
import { toChatCompletion } from './from-converse-response.js';
import { toConverseRequest } from './to-converse-request.js';
import { framesOf } from './__fixtures__/event-stream.js';

const DIRECTORY = new URL('./__fixtures__/converse/', import.meta.url);
const files = readdirSync(DIRECTORY).filter((name) => name.endsWith('.json'));
const load = (name: string) => JSON.parse(readFileSync(new URL(name, DIRECTORY), 'utf8')) as Record<string, any>;
const DEFAULT_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const MESSAGES = [{ role: 'user', content: 'Hi' }];

function targetFor(fixture: Record<string, any>) {
  const deployment = testDeployment({ provider: 'bedrock', modelName: 'm', upstreamModel: fixture.model ?? DEFAULT_MODEL, apiKey: 'ABSK-fixture-key', extraParams: fixture.litellmParams ?? {} });
  return resolveBedrockTarget(deployment, { env: {}, defaultRegion: undefined, dispatcherFor: () => ({}) as Dispatcher, maxResponseBytes: undefined });
}

async function* bytes(frames: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* frames;
}

it('has at least 30 recorded payloads, streams included', () => {
  expect(files.length).toBeGreaterThanOrEqual(30);
  expect(files.filter((name) => name.endsWith('.stream.json')).length).toBeGreaterThanOrEqual(10);
});

describe('Converse answers → chat.completion', () => {
  for (const name of files.filter((file) => file.endsWith('.response.json'))) {
    const fixture = load(name);
    it(`${name}: ${fixture.description}`, () => {
      const target = targetFor(fixture);
      const { jsonTool } = toConverseRequest({ messages: MESSAGES, ...fixture.request }, target);
      const map = () => toChatCompletion(fixture.response, { id: 'chatcmpl-x', model: target.modelId, created: 1, jsonTool, label: target.label });
      if (fixture.error) {
        expect(map).toThrow(expect.objectContaining(fixture.error));
        return;
      }
      expect(map()).toMatchObject({ object: 'chat.completion', model: target.modelId, ...fixture.expected });
    });
  }
});

describe('ConverseStream event streams → chunks', () => {
  for (const name of files.filter((file) => file.endsWith('.stream.json'))) {
    const fixture = load(name);
    it(`${name}: ${fixture.description}`, async () => {
      const target = targetFor(fixture);
      const { jsonTool } = toConverseRequest({ messages: MESSAGES, ...fixture.request }, target);
      const events: any[] = [];
      let failure: unknown;
      try {
        const options = { id: 'chatcmpl-s', model: target.modelId, created: 1, includeUsage: true, jsonTool, label: target.label, redactor: createRedactor({ secrets: [] }), maxMessageBytes: 1 << 20, mapError: (error: unknown) => error };
        for await (const event of converseStreamToChunks(bytes(framesOf(fixture.events)), options)) events.push(event.data);
      } catch (error) {
        failure = error;
      }
      const chunks = events.filter((event) => typeof event === 'object' && event.choices?.length > 0);
      const deltas = chunks.map((chunk) => chunk.choices[0].delta);
      const seen: Record<string, unknown> = {
        content: deltas.map((delta) => delta.content ?? '').join(''),
        reasoning: deltas.map((delta) => delta.reasoning_content ?? '').join(''),
        finish: chunks.map((chunk) => chunk.choices[0].finish_reason).find((reason) => reason !== null) ?? null,
        usage: events.find((event) => typeof event === 'object' && event.usage !== undefined)?.usage,
        signatures: deltas.flatMap((delta) => delta.thinking_blocks ?? []).filter((block) => block.type === 'thinking').map((block) => block.signature),
        redacted: deltas.flatMap((delta) => delta.thinking_blocks ?? []).filter((block) => block.type === 'redacted_thinking').map((block) => block.data),
        toolCalls: collectCalls(deltas),
      };
      const { error, usage, ...rest } = fixture.expected;
      expect(seen).toMatchObject(rest);
      if (usage !== undefined) expect(seen.usage).toMatchObject(usage);
      if (error !== undefined) {
        expect(isGatewayError(failure)).toBe(true);
        expect(failure).toMatchObject(error);
        expect(events.at(-1)).not.toBe('[DONE]');
      } else {
        expect(failure).toBeUndefined();
        expect(deltas[0]).toEqual({ role: 'assistant', content: '' });
        expect(events.at(-1)).toBe('[DONE]');
      }
    });
  }
});

describe('Chat requests → Converse bodies', () => {
  for (const name of files.filter((file) => file.startsWith('request-'))) {
    const fixture = load(name);
    it(`${name}: ${fixture.description}`, () => {
      const build = () => toConverseRequest(fixture.request, targetFor(fixture)).body;
      if (fixture.error) {
        expect(build).toThrow(expect.objectContaining(fixture.error));
        return;
      }
      expect(build()).toEqual(fixture.converse);
    });
  }
});

function collectCalls(deltas: any[]) {
  const calls: { index: number; id?: string; name?: string; arguments: string }[] = [];
  for (const delta of deltas) {
    for (const call of delta.tool_calls ?? []) {
      let entry = calls.find((candidate) => candidate.index === call.index);
      if (entry === undefined) calls.push((entry = { index: call.index, arguments: '' }));
      if (call.id !== undefined) entry.id = call.id;
      if (call.function?.name !== undefined) entry.name = call.function.name;
      entry.arguments += call.function?.arguments ?? '';
    }
  }
  return calls;
}
