import type { Deployment } from '../config/deployment.js';
import type { GatewayResponse } from '../http/gateway-response.js';
import type { Logger } from '../logging/logger.js';

/** The OpenAI-compatible endpoints a model can be called through. */
export type Endpoint = 'chat.completions' | 'responses' | 'embeddings';

/**
 * The model endpoints clients call: OpenAI's three, and Anthropic's Messages API
 * (`/v1/messages`), served natively by a provider with `messages()` and bridged to Chat
 * Completions for every other.
 */
export type RouteEndpoint = Endpoint | 'messages';

/** One upstream call, already in OpenAI wire format with `model` set to the upstream name. */
export interface ProviderCall {
  readonly endpoint: Endpoint;
  readonly body: Record<string, unknown>;
  readonly stream: boolean;
  readonly deployment: Deployment;
  readonly signal: AbortSignal;
  readonly requestId: string;
}

/** One native Messages API call (`Provider.messages`). */
export interface MessagesCall {
  readonly deployment: Deployment;
  readonly body: Record<string, unknown>;
  readonly stream: boolean;
  readonly signal: AbortSignal;
  readonly requestId?: string;
  /** The client's `anthropic-version` / `anthropic-beta` headers, to carry upstream; never auth headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A provider adapter: sends an OpenAI-format call to its upstream and answers in OpenAI format.
 * Errors are thrown as GatewayErrors (upstream status kept, body redacted).
 */
export interface Provider {
  /** The endpoints this provider serves natively; the others are bridged by core where possible. */
  readonly endpoints: ReadonlySet<Endpoint>;
  /**
   * The endpoints served natively for one deployment, when they differ by deployment (one plugin
   * serving many OpenAI-compatible upstreams: Groq has no embeddings, vLLM has Responses).
   * Called on the request path: answer from a cache. Default: `endpoints`.
   */
  endpointsFor?(deployment: Deployment): ReadonlySet<Endpoint>;
  send(call: ProviderCall): Promise<GatewayResponse>;
  /**
   * Anthropic's Messages API, natively: the client's Messages body (with `model` set to the
   * upstream name) sent as it is, the upstream's Message JSON or SSE events returned as they
   * came. A provider without it gets `/v1/messages` calls translated to Chat Completions.
   */
  messages?(call: MessagesCall): Promise<GatewayResponse>;
  /** Closes connection pools; called when the gateway closes. */
  close?(): Promise<void>;
}

export interface ProviderContext {
  readonly logger: Logger;
}

/**
 * What a host registers: `gateway({ providers: [myProvider()] })`. `create` runs once per
 * gateway, so two gateways never share a provider's connection pools.
 */
export interface ProviderPlugin {
  /** The prefix in `litellm_params.model` it serves: `openai` for `openai/gpt-5.5`. */
  readonly name: string;
  /** More prefixes served by the same plugin (`hosted_vllm`, `openai_like`). */
  readonly aliases?: readonly string[];
  /** Capability entries for the plugin's own models; loaded like any other capability source. */
  readonly capabilities?: unknown;
  create(context: ProviderContext): Provider;
}
