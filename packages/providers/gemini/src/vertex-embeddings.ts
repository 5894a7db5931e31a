import { GatewayError, mapTransportError, type GatewayResponse, type ProviderCall } from '@switchyard/core';
import { readUpstreamBody } from '@switchyard/provider-openai';
import type { GeminiTarget } from './gemini-target.js';
import { mapGeminiError } from './map-gemini-error.js';

type Json = Record<string, unknown>;

/** text-embedding-* take up to 250 instances per `:predict`; gemini-embedding-* on Vertex take one. */
const TEXT_EMBEDDING_BATCH = 250;
/** How many `:predict` calls run at once for a list gemini-embedding-* must take one by one. */
const CONCURRENCY = 8;

/**
 * Vertex AI text embeddings: OpenAI's embeddings body → `:predict`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api):
 * `instances: [{content, task_type}]` (`input_type` → task_type, LiteLLM's param),
 * `parameters.outputDimensionality` from `dimensions`; the answers' vectors in order, base64
 * when asked, and usage summed from each prediction's `statistics.token_count`.
 */
export async function sendVertexEmbeddings(call: ProviderCall, target: GeminiTarget, headers: () => Promise<Readonly<Record<string, string>>>): Promise<GatewayResponse> {
  const texts = readTexts(call.body.input);
  const model = call.deployment.upstreamModel;
  const batchSize = model.startsWith('gemini-embedding') ? 1 : TEXT_EMBEDDING_BATCH;
  const parameters: Json = typeof call.body.dimensions === 'number' ? { outputDimensionality: call.body.dimensions } : {};
  const taskType = typeof call.body.input_type === 'string' ? call.body.input_type : undefined;
  const bodies: Json[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    bodies.push({
      instances: texts.slice(start, start + batchSize).map((content) => ({ content, ...(taskType === undefined ? {} : { task_type: taskType }) })),
      ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    });
  }
  const predictions: Json[] = [];
  for (let start = 0; start < bodies.length; start += CONCURRENCY) {
    const answers = await Promise.all(bodies.slice(start, start + CONCURRENCY).map((body) => predict(call, target, body, headers)));
    for (const answer of answers) predictions.push(...answer);
  }
  const base64 = call.body.encoding_format === 'base64';
  let tokens = 0;
  const data = predictions.map((prediction, index) => {
    const embeddings = prediction.embeddings as Json | undefined;
    const values = Array.isArray(embeddings?.values) ? (embeddings.values as number[]) : undefined;
    if (values === undefined) throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered a prediction without embeddings.values.`);
    const statistics = embeddings?.statistics as Json | undefined;
    if (typeof statistics?.token_count === 'number') tokens += statistics.token_count;
    return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values };
  });
  if (data.length !== texts.length) throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered ${data.length} embeddings for ${texts.length} inputs.`);
  return { kind: 'json', status: 200, headers: {}, body: { object: 'list', model, data, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
}

async function predict(call: ProviderCall, target: GeminiTarget, body: Json, headers: () => Promise<Readonly<Record<string, string>>>): Promise<Json[]> {
  try {
    const response = await target.dispatcher.request({
      origin: target.origin,
      path: target.paths.embeddings,
      method: 'POST',
      headers: await headers(),
      body: JSON.stringify(body),
      signal: call.signal,
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    if (response.statusCode < 200 || response.statusCode > 299) throw await mapGeminiError(response, target);
    const answer = JSON.parse(await readUpstreamBody(response, target)) as Json | null;
    if (answer === null || !Array.isArray(answer.predictions)) throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered without predictions.`);
    return answer.predictions as Json[];
  } catch (error) {
    if (error instanceof SyntaxError) throw new GatewayError('upstream_invalid_response', `The upstream for ${target.label} answered with a body that is not JSON.`);
    throw mapTransportError(error, { target, call });
  }
}

function readTexts(input: unknown): string[] {
  const inputs = Array.isArray(input) ? (input as unknown[]) : [input];
  if (inputs.length === 0) throw new GatewayError('invalid_value', 'input must not be empty.', { param: 'input' });
  return inputs.map((value, index) => {
    if (typeof value !== 'string' || value === '') {
      throw new GatewayError('unsupported_value', `input[${index}]: Vertex AI embeddings take non-empty text; token arrays are not supported.`, { param: 'input' });
    }
    return value;
  });
}
