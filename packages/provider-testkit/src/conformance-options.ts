import type { ProviderPlugin } from '@switchyard/core';

/**
 * One scripted upstream answer, in the provider's own wire format: a JSON body, or SSE text
 * written piece by piece (each piece flushed, so the plugin sees a real stream).
 */
export interface UpstreamScript {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON answer: an object is serialized, a string is sent as it is. */
  readonly body?: unknown;
  /**
   * A streamed answer: raw pieces of the response body, written in order. Bytes for a binary
   * framing (Bedrock's event stream; set its content-type in `headers`).
   */
  readonly chunks?: readonly (string | Uint8Array)[];
}

/** A JSON answer and a streamed answer of the same content. */
export interface ScriptPair {
  readonly json: UpstreamScript;
  readonly stream: UpstreamScript;
}

/**
 * What the plugin's upstream answers, recorded or scripted by the plugin author. The content
 * is fixed by the testkit (`CONFORMANCE_TEXT`, `CONFORMANCE_TOOL_CALL`,
 * `CONFORMANCE_PARALLEL_TOOL_CALLS`); each success answer reports the same usage (`usage`).
 */
export interface ProviderFixtures {
  /** The assistant says `CONFORMANCE_TEXT` and stops. */
  readonly text: ScriptPair;
  /** One call of `CONFORMANCE_TOOL_CALL`. Leave out (with parallelToolCalls) for a plugin without tools: those cases are skipped, visibly. */
  readonly toolCall?: ScriptPair;
  /** The two calls of `CONFORMANCE_PARALLEL_TOOL_CALLS`, in that order, in one turn. */
  readonly parallelToolCalls?: ScriptPair;
  /**
   * For a plugin that serves `/v1/responses` natively: the upstream's Responses API answer
   * saying `CONFORMANCE_TEXT`. Without it, `text.json` answers, through core's bridge.
   */
  readonly responses?: UpstreamScript;
  /** The upstream's error answer for `status` whose message is `message` (it may hold the key: it must be redacted). */
  error(status: number, message: string): UpstreamScript;
  /**
   * The first pieces of a stream, enough for the plugin to send its first chunk (the role).
   * The testkit then cuts the connection (mid-stream failure) or holds it open (abort). Leave
   * out for an upstream that cannot stream (the plugin makes its chunks from a JSON answer):
   * the mid-stream cases are skipped, visibly.
   */
  readonly streamStart?: readonly (string | Uint8Array)[];
}

/** The usage every success fixture reports, as the plugin must map it (OpenAI field names). */
export interface ExpectedUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  /** Of prompt_tokens, read from a prompt cache. Default 0. */
  readonly cached_tokens?: number;
}

export interface ConformanceOptions {
  /** Shown in the suite name. */
  readonly name: string;
  /** Builds the plugin under test; called once per suite. */
  readonly plugin: () => ProviderPlugin;
  /** `litellm_params.model`: `anthropic/claude-sonnet-4-5`. */
  readonly model: string;
  readonly fixtures: ProviderFixtures;
  readonly usage: ExpectedUsage;
  /** The deployment's key (default a fake `sk-…` key); it must never reach a client or a log line. */
  readonly apiKey?: string;
  /** Appended to the fake upstream's origin for `api_base` (`/v1` for OpenAI-style servers). */
  readonly apiBasePath?: string;
  /** More `litellm_params` for the deployment. */
  readonly litellmParams?: Readonly<Record<string, unknown>>;
  /** Whether `/v1/responses` is expected to work (natively or bridged). Default true. */
  readonly responses?: boolean;
}
