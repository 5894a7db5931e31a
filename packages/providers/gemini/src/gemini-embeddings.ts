import { GatewayError } from '@switchyard/core';

type Json = Record<string, unknown>;

/** OpenAI's embeddings body as `batchEmbedContents`: one request per input, `dimensions` → `outputDimensionality`. */
export function toBatchEmbedRequest(body: Json, model: string): Json {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  return {
    requests: inputs.map((input, index) => {
      if (typeof input !== 'string') {
        throw new GatewayError('unsupported_value', `input[${index}]: Gemini embeddings take text; token arrays are not supported.`, { param: 'input' });
      }
      return {
        model: `models/${model}`,
        content: { parts: [{ text: input }] },
        ...(typeof body.dimensions === 'number' ? { outputDimensionality: body.dimensions } : {}),
      };
    }),
  };
}

/**
 * `{embeddings: [{values}]}` as OpenAI's list, base64 (little-endian float32) when asked.
 * AI Studio reports no token counts for embeddings, so no `usage` is invented: the cost is
 * null with a warning rather than a price computed from zero tokens.
 */
export function toEmbeddingList(response: Json, model: string, base64: boolean): Json {
  const embeddings = Array.isArray(response.embeddings) ? (response.embeddings as Json[]) : [];
  return {
    object: 'list',
    model,
    data: embeddings.map((embedding, index) => {
      const values = Array.isArray(embedding.values) ? (embedding.values as number[]) : [];
      return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values };
    }),
  };
}
