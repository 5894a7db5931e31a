import { createRequire } from 'node:module';
import type { Endpoint } from '../providers/provider.js';

type Body = Record<string, unknown>;

/** A UTF-16 code unit is at most 3 UTF-8 bytes, and a token covers at least one byte. */
const MAX_TOKENS_PER_CHAR = 3;

interface Tokenizer {
  isWithinTokenLimit(text: string, limit: number): number | false;
}

let tokenizer: Tokenizer | undefined;

/**
 * gpt-tokenizer's o200k_base (GPT-4o, GPT-5, o-series), loaded on first use: about 0.3 s and
 * some MB, which a gateway whose inputs are all clearly small never pays.
 */
function o200k(): Tokenizer {
  tokenizer ??= createRequire(import.meta.url)('gpt-tokenizer/cjs/encoding/o200k_base') as Tokenizer;
  return tokenizer;
}

/**
 * The texts of a request's input: message contents (strings and text parts) and, for
 * Responses, `instructions`. Images, files, tools and per-message overhead are left out, so
 * their tokens are a lower bound of what the model counts.
 */
export function inputTexts(endpoint: Endpoint, body: Body): string[] {
  const texts: string[] = [];
  if (endpoint === 'responses') {
    if (typeof body.instructions === 'string') texts.push(body.instructions);
    if (typeof body.input === 'string') texts.push(body.input);
    else if (Array.isArray(body.input)) for (const item of body.input) pushContent(texts, item);
  } else if (endpoint === 'chat.completions' && Array.isArray(body.messages)) {
    for (const message of body.messages) pushContent(texts, message);
  } else if (endpoint === 'embeddings') {
    const input = body.input;
    if (typeof input === 'string') texts.push(input);
    else if (Array.isArray(input)) for (const value of input) if (typeof value === 'string') texts.push(value);
  }
  return texts;
}

function pushContent(texts: string[], item: unknown): void {
  if (item === null || typeof item !== 'object') return;
  const content = (item as Body).content;
  if (typeof content === 'string') texts.push(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      const text = part !== null && typeof part === 'object' ? (part as Body).text : undefined;
      if (typeof text === 'string') texts.push(text);
    }
  }
}

/**
 * A lower bound of the input tokens when it is above `limit`, else undefined: "certainly over"
 * or "not known to be over". Cheap first: while the texts are short enough that even three
 * tokens per character stays within the limit (every request of normal size), or their UTF-8
 * bytes do (a token covers at least one byte), no tokenizer runs. Only a longer input is counted with o200k_base, text by text, stopping as soon as the
 * count passes the limit. Used by the context-limit check and by routing's context fallbacks.
 */
export function inputTokensAbove(endpoint: Endpoint, body: Body, limit: number): number | undefined {
  const texts = inputTexts(endpoint, body);
  let chars = 0;
  for (const text of texts) chars += text.length;
  if (chars * MAX_TOKENS_PER_CHAR <= limit) return undefined;
  // Closer, still cheap (native): a token covers at least one UTF-8 byte.
  let bytes = 0;
  for (const text of texts) bytes += Buffer.byteLength(text, 'utf8');
  if (bytes <= limit) return undefined;
  const { isWithinTokenLimit } = o200k();
  let tokens = 0;
  for (const text of texts) {
    const counted = isWithinTokenLimit(text, limit - tokens);
    if (counted === false) return limit + 1;
    tokens += counted;
  }
  return tokens > limit ? tokens : undefined;
}
