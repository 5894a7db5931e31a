import { jsonLimitExceeded, type JsonLimits } from './json-limits.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Checks a JSON text's shape against the limits chunk by chunk, as the body arrives, before
 * JSON.parse builds anything: a body over a limit is refused after the chunk that crossed it,
 * without being read to the end or parsed. It tracks only strings and brackets; whether the
 * text is valid JSON is JSON.parse's job. String contents are skipped with `indexOf` (native),
 * so a body that is mostly one long string costs next to nothing.
 */
export class JsonStructureScanner {
  readonly #limits: JsonLimits;
  /**
   * Per open container: keys (objects) or commas (arrays) seen so far, times two, plus 1 for an
   * object. One small array, grown on demand: a scanner is made per request, and most bodies
   * nest a few levels.
   */
  #stack = new Uint32Array(16);
  #depth = 0;
  #keys = 0;
  #inString = false;
  /** The previous chunk ended inside a string on an odd run of backslashes. */
  #escaped = false;

  constructor(limits: JsonLimits) {
    this.#limits = limits;
  }

  /** Throws the 400 `body_too_complex` naming the limit the text crossed. */
  feed(chunk: Uint8Array): void {
    const limits = this.#limits;
    const length = chunk.length;
    let index = 0;
    while (index < length) {
      if (this.#inString) {
        index = this.#endOfString(chunk, index);
        continue;
      }
      const byte = chunk[index++]!;
      if (byte === QUOTE) {
        this.#inString = true;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        const depth = ++this.#depth;
        if (depth > limits.maxDepth) throw jsonLimitExceeded('maxDepth', limits.maxDepth);
        if (depth === this.#stack.length) this.#grow();
        this.#stack[depth] = byte === OPEN_OBJECT ? 1 : 0;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        // Unbalanced closers are invalid JSON; JSON.parse reports them.
        if (this.#depth > 0) this.#depth--;
      } else if (byte === COLON) {
        const depth = this.#depth;
        const entry = this.#stack[depth]!;
        if (depth > 0 && (entry & 1) === 1) {
          this.#stack[depth] = entry + 2;
          if (entry >>> 1 >= limits.maxObjectKeys) throw jsonLimitExceeded('maxObjectKeys', limits.maxObjectKeys);
          if (++this.#keys > limits.maxKeys) throw jsonLimitExceeded('maxKeys', limits.maxKeys);
        }
      } else if (byte === COMMA) {
        const depth = this.#depth;
        const entry = this.#stack[depth]!;
        if (depth > 0 && (entry & 1) === 0) {
          this.#stack[depth] = entry + 2;
          // n items have n - 1 commas.
          if ((entry >>> 1) + 1 >= limits.maxArrayLength) throw jsonLimitExceeded('maxArrayLength', limits.maxArrayLength);
        }
      }
    }
  }

  #grow(): void {
    const larger = new Uint32Array(this.#stack.length * 2);
    larger.set(this.#stack);
    this.#stack = larger;
  }

  /** Skips to just after the closing quote of the current string, or to the chunk's end. */
  #endOfString(chunk: Uint8Array, start: number): number {
    if (this.#escaped) {
      // The first byte of this chunk is escaped by the backslash that ended the last one.
      this.#escaped = false;
      start++;
    }
    let from = start;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, from);
      if (quote === -1) {
        this.#escaped = oddBackslashesBefore(chunk, chunk.length, start);
        return chunk.length;
      }
      if (!oddBackslashesBefore(chunk, quote, start)) {
        this.#inString = false;
        return quote + 1;
      }
      from = quote + 1;
    }
  }
}

/** Whether the bytes just before `end` (not before `start`) are an odd run of backslashes. */
function oddBackslashesBefore(chunk: Uint8Array, end: number, start: number): boolean {
  let count = 0;
  for (let index = end - 1; index >= start && chunk[index] === BACKSLASH; index--) count++;
  return count % 2 === 1;
}
