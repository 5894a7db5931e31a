import type { ModelTarget } from '../capabilities/capability-snapshot.js';
import type { Endpoint } from '../providers/provider.js';
import type { MaxCostPricer } from './max-cost-pricer.js';

/** Output tokens reserved for a priced model whose output limit is unknown and a request without max_tokens. */
export const DEFAULT_OUTPUT_RESERVE = 32_768;
/** Tokens an image, audio or file part may cost, at most as far as reservations go (GPT-4o high detail: 1,105; Claude: about 1,600). */
const MEDIA_PART_TOKENS = 2_000;

export interface RequestEstimate {
  /** The most the request can cost, in attoUSD: 0 when every candidate is free or unpriced. */
  readonly maxCost: bigint;
  /** Tokens to reserve against tpm windows: the input estimate plus the max_tokens the client set. */
  readonly tokens: number;
}

type Body = Record<string, unknown>;

/**
 * What a request may cost at most, before it is sent: input at most one token per byte of the
 * body (a token covers at least one byte of text) plus a fixed allowance per media part, capped
 * at the model's max_input_tokens; output at the client's max_completion_tokens / max_tokens /
 * max_output_tokens (times `n`), else the model's output limit. Priced on every candidate
 * deployment (the group's and its fallbacks'), every input token at the dearest input rate
 * (createMaxCostPricer); the highest price wins.
 */
export function estimateRequest(options: {
  readonly endpoint: Endpoint;
  readonly body: Body;
  readonly bodyBytes: number;
  readonly candidates: readonly ModelTarget[];
  readonly price: MaxCostPricer;
}): RequestEstimate {
  const { endpoint, body, candidates } = options;
  const mediaParts = countMediaParts(endpoint, body);
  const requestedOutput = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens) ?? positiveInteger(body.max_output_tokens);
  const choices = endpoint === 'chat.completions' ? (positiveInteger(body.n) ?? 1) : 1;
  const serviceTier = typeof body.service_tier === 'string' ? body.service_tier : undefined;
  let maxCost = 0n;
  for (const target of candidates) {
    const capability = target.capability as { max_input_tokens?: unknown; max_output_tokens?: unknown } | undefined;
    const inputCap = positiveInteger(capability?.max_input_tokens);
    const inputTokens = Math.min(options.bodyBytes + mediaParts * MEDIA_PART_TOKENS, inputCap ?? Number.MAX_SAFE_INTEGER);
    const outputLimit = positiveInteger(capability?.max_output_tokens);
    const outputTokens = endpoint === 'embeddings' ? 0 : choices * Math.min(requestedOutput ?? outputLimit ?? DEFAULT_OUTPUT_RESERVE, outputLimit ?? Number.MAX_SAFE_INTEGER);
    const cost = options.price(target, inputTokens, outputTokens, serviceTier);
    if (cost > maxCost) maxCost = cost;
  }
  const tokens = Math.ceil(options.bodyBytes / 4) + mediaParts * MEDIA_PART_TOKENS + (requestedOutput ?? 0) * choices;
  return { maxCost, tokens };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

const MEDIA_TYPES = new Set(['image_url', 'input_image', 'input_audio', 'file', 'input_file', 'image']);

function countMediaParts(endpoint: Endpoint, body: Body): number {
  const items = endpoint === 'responses' ? body.input : endpoint === 'chat.completions' ? body.messages : undefined;
  if (!Array.isArray(items)) return 0;
  let count = 0;
  for (const item of items) {
    const content = item !== null && typeof item === 'object' ? (item as Body).content : undefined;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      const type = part !== null && typeof part === 'object' ? (part as Body).type : undefined;
      if (typeof type === 'string' && MEDIA_TYPES.has(type)) count++;
    }
  }
  return count;
}
