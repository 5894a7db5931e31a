import { hash } from 'node:crypto';

/** The label value every value past the bound shares. */
export const OVERFLOW_LABEL = '__other__';

/**
 * Turns free-form values (API keys, `user` strings) into label values with a bound on how many
 * distinct ones a metric can ever carry: each value is hashed (never written as sent), the first
 * `limit` distinct hashes are kept, and every later value is counted under `__other__`. Without
 * it, one client sending a fresh `user` per request would grow the scrape without end.
 */
export class BoundedLabel {
  readonly #values = new Map<string, string>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  of(raw: string | undefined): string {
    if (raw === undefined || raw === '') return '';
    const known = this.#values.get(raw);
    if (known !== undefined) return known;
    if (this.#values.size >= this.#limit) return OVERFLOW_LABEL;
    const value = hashLabel(raw);
    this.#values.set(raw, value);
    return value;
  }

  get size(): number {
    return this.#values.size;
  }
}

/** LiteLLM's `hashed_api_key` is the key's SHA-256 in hex; so is this (never the key itself). */
export function hashLabel(raw: string): string {
  return hash('sha256', raw, 'hex');
}
