/** What every redacted value becomes, in bodies, headers and log lines alike. */
export const REDACTED = '[redacted]';

/** Characters keys and tokens are made of (base64, base64url, hex, `sk-…`, masks with `*`). */
const TOKEN = '[A-Za-z0-9_~+/=*-]';

/** Not preceded by a key character: a pattern tried only where a token starts stays linear. */
const TOKEN_START = '(?<![A-Za-z0-9_~+/=*-])';

/**
 * The key-shaped tokens that start with something literal, one alternative per group so the
 * replacer knows which one matched. One alternation: one pass over a string, which matters for
 * the upstream headers redacted on every request.
 * - `sk-…`: OpenAI (`sk-proj-…`), Anthropic (`sk-ant-…`), LiteLLM virtual keys, and OpenAI's
 *   own masked echo `sk-proj-****abcd`;
 * - `AIza…` Google API keys, `AKIA…`/`ASIA…` AWS access key ids, GitHub and Slack tokens;
 * - JWTs (`eyJ….eyJ….sig`);
 * - a credential after `Bearer`/`Basic` (the word is kept; a token needs a digit or symbol, so
 *   "Bearer token required" stays readable);
 * - `api_key=…`, `token=…`, `sig=…` in echoed URLs and messages (the name is kept).
 */
const KEY_PATTERN_SOURCE = [
  `(\\bsk-${TOKEN}{3,})`,
  `(\\b(?:AIza[0-9A-Za-z_-]{20,}|A[KS]IA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*))`,
  `(\\b(?:[Bb]earer|BEARER|[Bb]asic|BASIC)\\s+)(?=[A-Za-z0-9._~+/=*-]*[0-9._~+/=*-])[A-Za-z0-9._~+/=*-]{8,}`,
  `(\\b(?:api[_-]?key|apikey|key|access[_-]?token|token|secret|password|sig|signature)=)[^&\\s"'<>]+`,
].join('|');

/** Masked keys of any shape: a token holding a run of three or more `*` (`abcd****wxyz`). */
const MASKED_PATTERN_SOURCE = `${TOKEN_START}(?:[A-Za-z0-9_-]{2,}\\*{3,}${TOKEN}*|\\*{3,}[A-Za-z0-9_-]{3,})`;

/** Long tokens, redacted when they look random (`isHighEntropy`). */
export const LONG_TOKEN_LENGTH = 40;
const LONG_TOKEN_PATTERN_SOURCE = `${TOKEN_START}${TOKEN}{${LONG_TOKEN_LENGTH},}`;

/** Fresh global regexes (a `g` regex carries `lastIndex` state, so each redactor owns its own). */
export function keyPatterns(): { readonly keys: RegExp; readonly masked: RegExp; readonly longToken: RegExp } {
  return {
    keys: new RegExp(KEY_PATTERN_SOURCE, 'g'),
    masked: new RegExp(MASKED_PATTERN_SOURCE, 'g'),
    longToken: new RegExp(LONG_TOKEN_PATTERN_SOURCE, 'g'),
  };
}

/** Replaces one match of `keys`. Groups: 1 `sk-`, 2 known prefixes, 3 auth scheme, 4 `name=`. */
export function replaceKeyMatch(_match: string, ...groups: (string | undefined)[]): string {
  if (groups[2] !== undefined) return `${groups[2]}${REDACTED}`;
  if (groups[3] !== undefined) return `${groups[3]}${REDACTED}`;
  return REDACTED;
}

/**
 * A long token is a secret only when it looks random (upper and lower case and digits, about
 * as many distinct characters as a random string): request ids (hex), UUIDs and model names
 * stay readable.
 */
export function replaceLongToken(match: string): string {
  return isHighEntropy(match) ? REDACTED : match;
}

/** Shannon entropy above 4.5 bits per character, with upper case, lower case and digits. */
export function isHighEntropy(token: string): boolean {
  if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) return false;
  const counts = new Map<string, number>();
  for (const character of token) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / token.length;
    entropy -= share * Math.log2(share);
  }
  return entropy > 4.5;
}
