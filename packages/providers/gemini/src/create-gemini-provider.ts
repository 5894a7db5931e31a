import { GatewayError, mapTransportError, PoolCache, type Deployment, type Endpoint, type GatewayResponse, type Provider, type ProviderCall } from '@switchyard/core';
import { readUpstreamBody } from '@switchyard/provider-openai';
import { toChatCompletion } from './from-gemini-response.js';
import type { GeminiProviderOptions } from './gemini-provider-options.js';
import { geminiChunks } from './gemini-stream.js';
import { resolveGeminiTarget, type GeminiTarget } from './gemini-target.js';
import { mapGeminiError } from './map-gemini-error.js';
import { toBatchEmbedRequest, toEmbeddingList } from './gemini-embeddings.js';
import { toGeminiRequest } from './to-gemini-request.js';
import { sendVertexEmbeddings } from './vertex-embeddings.js';

/** One provider instance: its own pools, its own per-deployment targets. */
export function createGeminiProvider(options: GeminiProviderOptions): Provider {
  const pools = new PoolCache(options);
  const env = options.env ?? process.env;
  const apiKey = env.GEMINI_API_KEY || env.GOOGLE_API_KEY || undefined;
  const targets = new WeakMap<Deployment, GeminiTarget>();
  return {
    // Responses is bridged over chat by core; embeddings are batchEmbedContents (AI Studio) or :predict (Vertex).
    endpoints: new Set<Endpoint>(['chat.completions', 'embeddings']),
    async send(call) {
      let target = targets.get(call.deployment);
      if (target === undefined) {
        target = resolveGeminiTarget(call.deployment, { apiKey, env, dispatcherFor: (origin) => pools.get(origin), maxResponseBytes: options.maxResponseBytes });
        targets.set(call.deployment, target);
      }
      return send(call, target);
    },
    close: () => pools.close(),
  };
}

async function send(call: ProviderCall, target: GeminiTarget): Promise<GatewayResponse> {
  const embeddings = call.endpoint === 'embeddings';
  if (embeddings && target.tokens !== undefined) {
    const tokens = target.tokens;
    const headers = async () => {
      try {
        return { 'content-type': 'application/json', authorization: `Bearer ${await tokens.token()}` };
      } catch (error) {
        throw mapTransportError(error, { target, call });
      }
    };
    return sendVertexEmbeddings(call, target, headers);
  }
  const model = call.deployment.upstreamModel;
  const request = embeddings ? toBatchEmbedRequest(call.body, model) : toGeminiRequest(call.body, model);
  const id = `chatcmpl-${call.requestId.replace(/[^\w-]/g, '')}`;
  try {
    // Vertex: the bearer token changes over time, so its headers are built per request.
    const headers = target.tokens === undefined ? target.headers : { 'content-type': 'application/json', authorization: `Bearer ${await target.tokens.token()}` };
    const response = await target.dispatcher.request({
      origin: target.origin,
      path: embeddings ? target.paths.embeddings : call.stream ? target.streamPath : target.generatePath,
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      signal: call.signal,
      headersTimeout: call.stream ? target.streamHeadersTimeoutMs : target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    const status = response.statusCode;
    if (status < 200 || status > 299) throw await mapGeminiError(response, target);
    if (call.stream) return { kind: 'stream', status: 200, headers: {}, events: geminiChunks(response.body, call, target, id) };
    const answer = parseJson(await readUpstreamBody(response, target), target);
    const body = embeddings ? toEmbeddingList(answer, model, call.body.encoding_format === 'base64') : toChatCompletion(answer, model, id, target.label);
    return { kind: 'json', status: 200, headers: {}, body };
  } catch (error) {
    throw mapTransportError(error, { target, call });
  }
}

function parseJson(text: string, target: GeminiTarget): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not a JSON object.`);
}
