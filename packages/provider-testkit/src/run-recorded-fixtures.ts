import { readdirSync, readFileSync } from 'node:fs';
import { isGatewayError, silentLogger, type Deployment, type Endpoint, type GatewayResponse, type ProviderPlugin } from '@switchyard/core';
import { MockAgent, type Dispatcher } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * One recorded exchange with a provider's upstream, as a JSON file: the OpenAI request a
 * client sent, the upstream's answer (JSON body, or SSE events), and what the plugin must make
 * of it — all in the file, written by hand beside the payload.
 */
export interface RecordedFixture {
  readonly description: string;
  readonly endpoint?: Endpoint;
  /** `litellm_params` of the deployment: `model` (with its prefix) and the rest. */
  readonly deployment?: Readonly<Record<string, unknown>>;
  readonly request: Readonly<Record<string, unknown>>;
  readonly upstream: {
    /** The exact path (and query) the plugin must call; any other is a failure. */
    readonly path: string;
    /** The origin it must call, when not the suite's. */
    readonly origin?: string;
    readonly status?: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: unknown;
    /** A streamed answer: each entry one `data:` event (objects serialized, strings as they are). */
    readonly sse?: readonly unknown[];
  };
  readonly expected: {
    /** Partial match of the JSON answer. */
    readonly body?: unknown;
    /** What the chunks add up to. */
    readonly stream?: { readonly content?: string; readonly reasoning?: string; readonly finish?: string | null; readonly toolCalls?: readonly unknown[]; readonly usage?: unknown };
    /** Partial match of the GatewayError thrown (before or during the stream). */
    readonly error?: Readonly<Record<string, unknown>>;
    /** Partial match of the body the plugin sent upstream. */
    readonly sent?: unknown;
    /** Headers the upstream must have received, exactly. */
    readonly sentHeaders?: Readonly<Record<string, string>>;
  };
}

export interface RecordedFixtureOptions {
  readonly name: string;
  /** Builds the plugin with undici's MockAgent as its dispatcher. */
  readonly plugin: (dispatcher: Dispatcher) => ProviderPlugin;
  /** The folder of `*.json` fixtures. */
  readonly directory: URL;
  /** The deployment a fixture runs against (its `deployment` params applied by the caller). */
  readonly deployment: (fixture: RecordedFixture) => Deployment;
  /** The upstream origin the deployments point at. */
  readonly origin: string;
  /** The fewest fixtures the folder must hold. Default 30. */
  readonly minimum?: number;
}

/**
 * Runs every recorded fixture in `directory` through the plugin's provider, with undici's
 * MockAgent standing in for the upstream (no network: a request to any other path fails).
 */
export function runRecordedFixtures(options: RecordedFixtureOptions): void {
  const files = readdirSync(options.directory).filter((name) => name.endsWith('.json')).sort();
  const agent = new MockAgent();
  agent.disableNetConnect();
  const provider = options.plugin(agent).create({ logger: silentLogger });
  describe(`recorded payloads: ${options.name}`, () => {
    afterAll(async () => {
      await provider.close?.();
      await agent.close();
    });
    it(`has at least ${options.minimum ?? 30} fixtures, streams included`, () => {
      expect(files.length).toBeGreaterThanOrEqual(options.minimum ?? 30);
      expect(files.some((name) => name.includes('stream'))).toBe(true);
    });
    for (const name of files) {
      const fixture = JSON.parse(readFileSync(new URL(name, options.directory), 'utf8')) as RecordedFixture;
      it(`${name}: ${fixture.description}`, async () => {
        const { upstream, expected } = fixture;
        let sentBody: unknown;
        let sentHeaders: Record<string, string> = {};
        agent
          .get(upstream.origin ?? options.origin)
          .intercept({ path: upstream.path, method: 'POST' })
          .reply((request) => {
            sentBody = typeof request.body === 'string' ? JSON.parse(request.body) : undefined;
            sentHeaders = lowerCase(request.headers);
            const streamed = upstream.sse !== undefined;
            const data = streamed ? upstream.sse!.map((event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('') : JSON.stringify(upstream.body ?? {});
            return { statusCode: upstream.status ?? 200, data, responseOptions: { headers: { 'content-type': streamed ? 'text/event-stream' : 'application/json', ...upstream.headers } } };
          });
        const stream = fixture.request.stream === true;
        let response: GatewayResponse | undefined;
        let failure: unknown;
        const events: any[] = [];
        try {
          response = await provider.send({ endpoint: fixture.endpoint ?? 'chat.completions', body: fixture.request, stream, deployment: options.deployment(fixture), signal: new AbortController().signal, requestId: 'req-fixture-1' });
          if (response.kind === 'stream') for await (const event of response.events) events.push(event.data);
        } catch (error) {
          failure = error;
        }
        if (expected.sent !== undefined) expect(sentBody).toMatchObject(expected.sent as object);
        if (expected.sentHeaders !== undefined) expect(sentHeaders).toMatchObject(expected.sentHeaders);
        if (expected.error !== undefined) {
          expect(isGatewayError(failure), String(failure)).toBe(true);
          expect(failure).toMatchObject(expected.error);
        } else if (failure !== undefined) throw failure;
        if (expected.body !== undefined) {
          expect(response?.kind).toBe('json');
          expect(response?.kind === 'json' ? response.body : undefined).toMatchObject(expected.body as object);
        }
        if (expected.stream !== undefined) expect(summarize(events)).toMatchObject(expected.stream);
      });
    }
  });
}

function lowerCase(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Array.isArray(headers) ? pairs(headers as string[]) : Object.entries((headers ?? {}) as Record<string, string>);
  for (const [name, value] of entries) out[name.toLowerCase()] = String(value);
  return out;
}

function pairs(flat: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let index = 0; index + 1 < flat.length; index += 2) out.push([flat[index]!, flat[index + 1]!]);
  return out;
}

/** A chat stream's chunks summed up: text, reasoning, the finish reason, tool calls by index, the usage chunk. */
function summarize(events: any[]) {
  const chunks = events.filter((event) => typeof event === 'object' && Array.isArray(event?.choices) && event.choices.length > 0);
  const deltas = chunks.map((chunk) => chunk.choices[0].delta ?? {});
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
  return {
    content: deltas.map((delta) => delta.content ?? '').join(''),
    reasoning: deltas.map((delta) => delta.reasoning_content ?? '').join(''),
    finish: chunks.map((chunk) => chunk.choices[0].finish_reason).find((reason) => reason !== null && reason !== undefined) ?? null,
    toolCalls: calls,
    usage: events.find((event) => typeof event === 'object' && event?.usage != null)?.usage,
    done: events.at(-1) === '[DONE]',
  };
}
