import type { Endpoint } from '../providers/provider.js';

/**
 * The wire format every OpenAI-compatible upstream expects, whatever the model: required
 * fields and the JSON types (and documented ranges) of known parameters, from OpenAI's OpenAPI
 * description (CreateChatCompletionRequest, CreateResponse, CreateEmbeddingRequest). Enum values
 * are left to capability data, so a value a new model introduces is not refused here.
 * Unknown parameters pass: OpenAI-compatible servers accept their own (`top_k`).
 */
const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'] });
const range = (type: string | string[], minimum: number, maximum?: number) => ({
  ...nullable(type),
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});

/** Shared by chat/completions and responses (OpenAI's ModelResponseProperties). */
const MODEL_RESPONSE_PROPERTIES = {
  model: { type: 'string' },
  metadata: nullable('object'),
  temperature: range('number', 0, 2),
  top_p: range('number', 0, 1),
  top_logprobs: range('integer', 0, 20),
  user: { type: 'string' },
  safety_identifier: nullable('string'),
  prompt_cache_key: nullable('string'),
  prompt_cache_retention: nullable('string'),
  prompt_cache_options: nullable('object'),
  service_tier: nullable('string'),
  store: nullable('boolean'),
  stream: nullable('boolean'),
  stream_options: nullable('object'),
  tools: { type: 'array' },
  tool_choice: { type: ['string', 'object'] },
  parallel_tool_calls: nullable('boolean'),
  moderation: nullable('object'),
};

const CHAT_MESSAGE = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { type: 'string' },
    content: { type: ['string', 'array', 'null'] },
    name: { type: 'string' },
    tool_calls: { type: 'array' },
    tool_call_id: { type: 'string' },
  },
};

const CHAT_COMPLETIONS = {
  type: 'object',
  required: ['messages'],
  properties: {
    ...MODEL_RESPONSE_PROPERTIES,
    messages: { type: 'array', minItems: 1, items: CHAT_MESSAGE },
    modalities: nullable('array'),
    verbosity: nullable('string'),
    reasoning_effort: nullable('string'),
    max_completion_tokens: nullable('integer'),
    max_tokens: nullable('integer'),
    frequency_penalty: range('number', -2, 2),
    presence_penalty: range('number', -2, 2),
    web_search_options: { type: 'object' },
    response_format: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
    audio: nullable('object'),
    stop: { type: ['string', 'array', 'null'] },
    logit_bias: nullable('object'),
    logprobs: nullable('boolean'),
    n: range('integer', 1, 128),
    prediction: { type: 'object' },
    seed: nullable('integer'),
    function_call: { type: ['string', 'object'] },
    functions: { type: 'array' },
  },
};

const RESPONSES = {
  type: 'object',
  properties: {
    ...MODEL_RESPONSE_PROPERTIES,
    input: { type: ['string', 'array'] },
    instructions: nullable('string'),
    previous_response_id: nullable('string'),
    conversation: { type: ['string', 'object', 'null'] },
    prompt: nullable('object'),
    background: nullable('boolean'),
    max_output_tokens: range('integer', 16),
    max_tool_calls: nullable('integer'),
    include: nullable('array'),
    truncation: nullable('string'),
    reasoning: {
      type: ['object', 'null'],
      properties: { effort: nullable('string'), summary: nullable('string') },
    },
    text: { type: 'object', properties: { format: { type: 'object' }, verbosity: nullable('string') } },
  },
  // A stored prompt template can carry the whole input.
  if: { not: { required: ['prompt'] } },
  then: { required: ['input'] },
};

const EMBEDDINGS = {
  type: 'object',
  required: ['input'],
  properties: {
    model: { type: 'string' },
    input: { type: ['string', 'array'], minItems: 1 },
    encoding_format: { type: 'string' },
    dimensions: { type: 'integer', minimum: 1 },
    user: { type: 'string' },
  },
};

export const BASE_REQUEST_SCHEMAS: Readonly<Record<Endpoint, object>> = {
  'chat.completions': CHAT_COMPLETIONS,
  responses: RESPONSES,
  embeddings: EMBEDDINGS,
};
