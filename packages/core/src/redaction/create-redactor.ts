import { keyPatterns, LONG_TOKEN_LENGTH, REDACTED, replaceKeyMatch, replaceLongToken } from './key-patterns.js';
import { redactDeep } from './redact-deep.js';

/**
 * Removes credentials from text that came from outside the gateway (upstream error bodies,
 * upstream headers, stream error events) before it reaches a client or a log line. It works by
 * value, not by field name: whatever field an upstream echoes a key in, the key goes.
 */
export interface Redactor {
  /** The text with every known secret and key-shaped token replaced by `[redacted]`. */
  text(value: string): string;
  /** A copy of a JSON value with every string (object keys included) passed through `text`. */
  deep(value: unknown): unknown;
}

export interface RedactorOptions {
  /**
   * The secrets this redactor knows by value: the deployment's upstream key, and anything else
   * sent with its requests. Values shorter than 8 characters are placeholders (`EMPTY`,
   * `none`, what local servers are given), not secrets, and are ignored: replacing a common
   * word would garble messages.
   */
  readonly secrets?: readonly (string | undefined)[];
}

const MIN_SECRET_LENGTH = 8;
/** A known secret's first characters, matched at the start of a token, catch its masked forms. */
const SECRET_PREFIX_LENGTH = 8;

/**
 * Builds a redactor once (per deployment, per provider instance: never per request). Known
 * secrets are replaced wherever they occur, and a token starting with a secret's first 8
 * characters is replaced whole (`my-gateway-k…wxyz`, `my-gateway-****wxyz`), so a masked echo
 * does not give away the key's first characters either.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const secrets = [...new Set(options.secrets ?? [])]
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
    // Longest first, so a key that contains another is replaced whole.
    .sort((left, right) => right.length - left.length);
  const prefixes = secrets.filter((secret) => secret.length >= 2 * SECRET_PREFIX_LENGTH).map((secret) => escapeRegExp(secret.slice(0, SECRET_PREFIX_LENGTH)));
  const prefixPattern =
    prefixes.length === 0 ? undefined : new RegExp(`(?<![A-Za-z0-9_~+/=*-])(?:${prefixes.join('|')})[A-Za-z0-9._~+/=*…-]*`, 'g');
  const patterns = keyPatterns();

  const text = (value: string): string => {
    // Nothing a pattern matches is this short; header values like `499` or `6m0s` stop here.
    if (value.length < 6) return value;
    let result = value;
    for (const secret of secrets) if (result.includes(secret)) result = result.replaceAll(secret, REDACTED);
    if (prefixPattern !== undefined) result = result.replace(prefixPattern, replacePrefixMatch);
    result = result.replace(patterns.keys, replaceKeyMatch);
    // The two patterns without a literal start run only where they can match.
    if (result.includes('***')) result = result.replace(patterns.masked, REDACTED);
    if (result.length >= LONG_TOKEN_LENGTH) result = result.replace(patterns.longToken, replaceLongToken);
    return result;
  };
  return { text, deep: (value) => redactDeep(value, text) };
}

/** A sentence's full stop after a masked key is kept. */
function replacePrefixMatch(match: string): string {
  const trailing = /[.…]+$/.exec(match)?.[0] ?? '';
  return `${REDACTED}${trailing}`;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts key-shaped tokens only: for text from no particular deployment. */
export const defaultRedactor: Redactor = createRedactor();
