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
    tokens += lowerBoundTokens(text, limit - tokens, isWithinTokenLimit);
    if (tokens > limit) return tokens;
  }
  return tokens > limit ? tokens : undefined;
}

/**
 * The tokens of some texts by o200k_base, counted in the same bounded pieces as the limit
 * check (so an 80,000-character word costs no more than its bytes / 128). An estimate for a
 * model with another tokenizer: what `/v1/messages/count_tokens` answers.
 */
export function countTextTokens(texts: readonly string[]): number {
  const { isWithinTokenLimit } = o200k();
  let tokens = 0;
  for (const text of texts) tokens += lowerBoundTokens(text, Number.MAX_SAFE_INTEGER - 1, isWithinTokenLimit);
  return tokens;
}

/** o200k_base's longest token is 128 bytes: a text of n bytes is at least n / 128 tokens. */
const MAX_TOKEN_BYTES = 128;
/**
 * BPE is quadratic in the length of one word (80,000 characters without a space took 7.7 s),
 * so the tokenizer only ever sees pieces of at most this many characters, cut at whitespace.
 */
const PIECE_CHARS = 2_000;

/**
 * A lower bound of a text's tokens, stopping once it passes `budget`. The text is counted in
 * pieces cut before whitespace (where o200k's pre-tokenizer splits too); each cut is allowed to
 * have added one token, which is taken off again, so the sum stays a lower bound. A run of more
 * than PIECE_CHARS characters without whitespace is not tokenized: its bytes / 128 are counted.
 */
function lowerBoundTokens(text: string, budget: number, isWithinTokenLimit: Tokenizer['isWithinTokenLimit']): number {
  let tokens = 0;
  let start = 0;
  while (start < text.length && tokens <= budget) {
    let end = Math.min(start + PIECE_CHARS, text.length);
    if (end < text.length) {
      let cut = end;
      while (cut > start && !isWhitespace(text.charCodeAt(cut))) cut--;
      if (cut > start) end = cut;
      else {
        // No whitespace in the window: a run. Count it by bytes, up to the next whitespace.
        while (end < text.length && !isWhitespace(text.charCodeAt(end))) end++;
        tokens += Math.ceil(Buffer.byteLength(text.slice(start, end), 'utf8') / MAX_TOKEN_BYTES);
        start = end;
        continue;
      }
    }
    const counted = isWithinTokenLimit(text.slice(start, end), budget - tokens + 1);
    // Over the budget (plus the one token a cut may have added): over the limit, certainly.
    if (counted === false) return budget + 1;
    tokens += start === 0 ? counted : Math.max(0, counted - 1);
    start = end;
  }
  return tokens;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}
