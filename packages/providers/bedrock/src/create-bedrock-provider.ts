import { randomUUID } from 'node:crypto';
import { GatewayError, mapTransportError, PoolCache, type Deployment, type Endpoint, type GatewayResponse, type Provider, type ProviderCall } from '@switchyard/core';
import { readUpstreamBody } from '@switchyard/provider-openai';
import { embeddingSchema, toEmbeddingList, toInvokeBodies, type InvokeAnswer } from './bedrock-embeddings.js';
import type { BedrockProviderOptions } from './bedrock-provider-options.js';
import { resolveBedrockTarget, type BedrockTarget } from './bedrock-target.js';
import { converseStreamToChunks } from './converse-stream-to-chunks.js';
import type { CredentialProvider } from './credentials/credential-provider.js';
import { toChatCompletion } from './from-converse-response.js';
import { isObject, type JsonObject } from './json.js';
import { pickUpstreamHeaders } from './map-bedrock-error.js';
import { postToBedrock } from './send-to-bedrock.js';
import { toConverseRequest } from './to-converse-request.js';

/** The framing's limit for one event-stream message. */
const MAX_STREAM_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Titan embeds one text per call: this many calls at a time for a list of inputs. */
const EMBEDDING_CONCURRENCY = 8;

/** One provider instance: its own pools, its own per-deployment targets (region, endpoint, signer). */
export function createBedrockProvider(options: BedrockProviderOptions): Provider {
  const pools = new PoolCache(options);
  const env = options.env ?? process.env;
  // Keyed by the deployment object: a config reload brings new deployments and new targets.
  const targets = new WeakMap<Deployment, BedrockTarget>();
  // Instance metadata, the container role, AWS_ROLE_ARN's web identity: fetched once for all deployments.
  const sharedCredentials = new Map<string, CredentialProvider>();
  const targetFor = (deployment: Deployment): BedrockTarget => {
    let target = targets.get(deployment);
    if (target === undefined) {
      target = resolveBedrockTarget(deployment, { env, defaultRegion: options.defaultRegion, dispatcherFor: (origin) => pools.get(origin), maxResponseBytes: options.maxResponseBytes, sharedCredentials });
      targets.set(deployment, target);
    }
    return target;
  };
  return {
    // Responses calls reach Converse through core's Responses ⇄ Chat bridge.
    endpoints: new Set<Endpoint>(['chat.completions', 'embeddings']),
    async send(call) {
      const target = targetFor(call.deployment);
      if (call.endpoint === 'embeddings') return sendEmbeddings(call, target);
      if (call.endpoint !== 'chat.completions') throw new GatewayError('unsupported_endpoint', `Bedrock models do not serve ${call.endpoint}.`, { param: 'model' });
      return sendConverse(call, target);
    },
    close: () => pools.close(),
  };
}

async function sendConverse(call: ProviderCall, target: BedrockTarget): Promise<GatewayResponse> {
  const request = toConverseRequest(call.body, target);
  const response = await postToBedrock(call, target, call.stream ? target.converseStreamPath : target.paths['chat.completions'], JSON.stringify(request.body));
  const headers = pickUpstreamHeaders(response.headers, target.redactor);
  // Converse answers carry no id: the AWS request id stands in (one per call), else a fresh one.
  const requestId = headers['x-upstream-request-id'];
  const meta = { id: `chatcmpl-${requestId === undefined ? randomUUID() : requestId.replace(/[^\w-]/g, '')}`, model: target.modelId, created: Math.floor(Date.now() / 1000), jsonTool: request.jsonTool, label: target.label };
  if (!call.stream) {
    const answer = await readJson(response, call, target);
    return { kind: 'json', status: 200, headers, body: toChatCompletion(answer, meta) };
  }
  const streamOptions = call.body.stream_options;
  return {
    kind: 'stream',
    status: 200,
    headers,
    events: converseStreamToChunks(response.body, {
      ...meta,
      includeUsage: isObject(streamOptions) && streamOptions.include_usage === true,
      redactor: target.redactor,
      maxMessageBytes: Math.min(target.maxResponseBytes, MAX_STREAM_MESSAGE_BYTES),
      mapError: (error) => mapTransportError(error, { target, call }),
    }),
  };
}

async function sendEmbeddings(call: ProviderCall, target: BedrockTarget): Promise<GatewayResponse> {
  const schema = embeddingSchema(target.modelId);
  if (schema === undefined) {
    throw new GatewayError('unsupported_endpoint', `${target.label} is not a Bedrock embedding model this plugin speaks (Titan text, Cohere embed).`, { param: 'model' });
  }
  const bodies = toInvokeBodies(call.body, schema);
  const answers: InvokeAnswer[] = [];
  for (let start = 0; start < bodies.length; start += EMBEDDING_CONCURRENCY) {
    const batch = bodies.slice(start, start + EMBEDDING_CONCURRENCY).map(async (body): Promise<InvokeAnswer> => {
      const response = await postToBedrock(call, target, target.paths.embeddings, JSON.stringify(body));
      const count = Number(response.headers['x-amzn-bedrock-input-token-count']);
      return { json: await readJson(response, call, target), inputTokens: Number.isSafeInteger(count) && count >= 0 ? count : undefined };
    });
    answers.push(...(await Promise.all(batch)));
  }
  return { kind: 'json', status: 200, headers: {}, body: toEmbeddingList(answers, schema, target.modelId, call.body.encoding_format === 'base64', target.label) };
}

async function readJson(response: Awaited<ReturnType<typeof postToBedrock>>, call: ProviderCall, target: BedrockTarget): Promise<JsonObject> {
  let text: string;
  try {
    text = await readUpstreamBody(response, target);
  } catch (error) {
    throw mapTransportError(error, { target, call });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
  } catch {
    // Reported below.
  }
  throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not a JSON object.`);
}
