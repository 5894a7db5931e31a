import { GatewayError } from '@switchyard/core';
import { isObject, type JsonObject } from './json.js';

/** The InvokeModel body formats this plugin speaks for embeddings. */
export type EmbeddingSchema = 'titan-v1' | 'titan-v2' | 'cohere-v3' | 'cohere-v4';

/** Cohere's InvokeModel limit of texts per call. */
const COHERE_BATCH = 96;

/** By model id (after an inference profile's geography): Titan text v1/v2, Cohere embed v3/v4; else no embeddings. */
export function embeddingSchema(modelId: string): EmbeddingSchema | undefined {
  const id = modelId.slice(modelId.lastIndexOf('/') + 1);
  if (/amazon\.titan-embed-text-v2/.test(id)) return 'titan-v2';
  if (/amazon\.titan-embed-(text|g1-text)/.test(id)) return 'titan-v1';
  if (/cohere\.embed-v4/.test(id)) return 'cohere-v4';
  if (/cohere\.embed-(english|multilingual)-v3/.test(id)) return 'cohere-v3';
  return undefined;
}

/**
 * OpenAI's embeddings body → the InvokeModel bodies to send: Titan takes one text per call
 * (`inputText`, `dimensions` on v2), Cohere up to 96 (`texts`, `input_type` — LiteLLM's
 * param, default `search_document` — and `output_dimension` on v4).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
export function toInvokeBodies(body: JsonObject, schema: EmbeddingSchema): JsonObject[] {
  const inputs = Array.isArray(body.input) ? (body.input as unknown[]) : [body.input];
  if (inputs.length === 0) throw new GatewayError('invalid_value', 'input must not be empty.', { param: 'input' });
  const texts = inputs.map((input, index) => {
    if (typeof input !== 'string' || input === '') {
      throw new GatewayError('unsupported_value', `input[${index}]: Bedrock embeddings take non-empty text; token arrays are not supported.`, { param: 'input' });
    }
    return input;
  });
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : undefined;
  if (schema === 'titan-v1' || schema === 'titan-v2') {
    if (dimensions !== undefined && schema === 'titan-v1') throw new GatewayError('unsupported_parameter', 'Titan Embeddings G1 has a fixed size: leave dimensions out.', { param: 'dimensions' });
    return texts.map((text) => ({ inputText: text, ...(dimensions === undefined ? {} : { dimensions }) }));
  }
  const inputType = typeof body.input_type === 'string' ? body.input_type : 'search_document';
  const bodies: JsonObject[] = [];
  for (let start = 0; start < texts.length; start += COHERE_BATCH) {
    bodies.push({
      texts: texts.slice(start, start + COHERE_BATCH),
      input_type: inputType,
      ...(schema === 'cohere-v4' ? { embedding_types: ['float'], ...(dimensions === undefined ? {} : { output_dimension: dimensions }) } : {}),
    });
  }
  return bodies;
}

/** One InvokeModel answer: its JSON and the input token count Bedrock reports in `x-amzn-bedrock-input-token-count`. */
export interface InvokeAnswer {
  readonly json: JsonObject;
  readonly inputTokens: number | undefined;
}

/** The answers, in order, as OpenAI's list (base64 little-endian float32 when asked), usage summed over the calls. */
export function toEmbeddingList(answers: readonly InvokeAnswer[], schema: EmbeddingSchema, model: string, base64: boolean, label: string): JsonObject {
  const vectors: number[][] = [];
  let tokens = 0;
  for (const answer of answers) {
    const found = schema.startsWith('titan') ? titanVectors(answer.json) : cohereVectors(answer.json);
    if (found === undefined) throw new GatewayError('upstream_invalid_response', `The upstream for ${label} answered without embeddings.`);
    vectors.push(...found);
    tokens += answer.inputTokens ?? (typeof answer.json.inputTextTokenCount === 'number' ? answer.json.inputTextTokenCount : 0);
  }
  return {
    object: 'list',
    model,
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function titanVectors(json: JsonObject): number[][] | undefined {
  return Array.isArray(json.embedding) ? [json.embedding as number[]] : undefined;
}

/** `embeddings` is a list of vectors (`embeddings_floats`) or `{float: [...]}` (`embeddings_by_type`). */
function cohereVectors(json: JsonObject): number[][] | undefined {
  if (Array.isArray(json.embeddings)) return json.embeddings as number[][];
  if (isObject(json.embeddings) && Array.isArray(json.embeddings.float)) return json.embeddings.float as number[][];
  return undefined;
}
