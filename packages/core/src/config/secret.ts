import { inspect } from 'node:util';

/**
 * An API key or master key. It prints, serializes and logs as `[redacted]`; only `reveal()`
 * gives the value, at the one place that puts it on the wire.
 */
export class Secret {
  readonly #value: string;
  /** Where it came from, safe to print: `env OPENAI_API_KEY` or `literal`. */
  readonly source: string;

  constructor(value: string, source: string) {
    this.#value = value;
    this.source = source;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return `Secret(${this.source})`;
  }
}
