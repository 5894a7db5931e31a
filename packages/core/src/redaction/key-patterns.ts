/** What every redacted value becomes, in bodies, headers and log lines alike. */
export const REDACTED = '[redacted]';

/** Characters keys and tokens are made of (base64, base64url, hex, `sk-…`, masks with `*`). */
const TOKEN = '[A-Za-z0-9_~+/=*-]';

/**
 * The key-shaped tokens redacted whatever the deployment's key is, one alternative per group so
 * the replacer knows which one matched. Kept as one alternation: one pass over a string, which
 * matters for the upstream headers redacted on every request.
 * - `sk-…`: OpenAI (`sk-proj-…`), Anthropic (`sk-ant-…`), LiteLLM virtual keys, and OpenAI's
 *   own masked echo `sk-proj-****abcd`;
 * - `AIza…` Google API keys, `AKIA…`/`ASIA…` AWS access key ids, GitHub and Slack tokens;
 * - JWTs (`eyJ….eyJ….sig`);
 * - a credential after `Bearer`/`Basic` (the word is kept; a token needs a digit or symbol, so
 *   "Bearer token required" stays readable);
 * - `api_key=…`, `token=…`, `sig=…` in echoed URLs and messages (the name is kept);
 * - masked keys of any shape: a token holding a run of three or more `*` (`abcd****wxyz`);
 * - long tokens, checked for entropy by the replacer (`isHighEntropy`).
 */
export const KEY_PATTERN_SOURCE = [
  `(\\bsk-${TOKEN}{3,})`,
  `(\\b(?:AIza[0-9A-Za-z_-]{20,}|A[KS]IA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*))`,
  `(\\b(?:[Bb]earer|BEARER|[Bb]asic|BASIC)\\s+)(?=[A-Za-z0-9._~+/=*-]*[0-9._~+/=*-])[A-Za-z0-9._~+/=*-]{8,}`,
  `(\\b(?:api[_-]?key|apikey|key|access[_-]?token|token|secret|password|sig|signature)=)[^&\\s"'<>]+`,
  `([A-Za-z0-9_-]{2,}\\*{3,}${TOKEN}*|\\*{3,}[A-Za-z0-9_-]{3,})`,
  `(${TOKEN}{40,})`,
].join('|');

/** A fresh global regex (a `g` regex carries `lastIndex` state, so each redactor owns one). */
export function keyPattern(): RegExp {
  return new RegExp(KEY_PATTERN_SOURCE, 'g');
}

/**
 * Replaces one match of `keyPattern()`. Groups: 1 `sk-`, 2 known prefixes, 3 auth scheme,
 * 4 `name=`, 5 masked, 6 long token. A long token is a secret only when it looks random (upper
 * and lower case and digits, about as many distinct characters as a random string): request
 * ids (hex), UUIDs and model names stay readable.
 */
export function replaceKeyMatch(match: string, ...groups: (string | undefined)[]): string {
  if (groups[2] !== undefined) return `${groups[2]}${REDACTED}`;
  if (groups[3] !== undefined) return `${groups[3]}${REDACTED}`;
  if (groups[5] !== undefined) return isHighEntropy(match) ? REDACTED : match;
  return REDACTED;
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
