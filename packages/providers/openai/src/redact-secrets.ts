/** OpenAI-style keys (`sk-…`, `sk-proj-…`, also masked forms like `sk-proj-****abcd`). */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_*-]{3,}/g;
/** A bearer credential echoed back in a message. */
const BEARER_PATTERN = /\bBearer\s+[^\s"',]+/gi;

/**
 * Placeholder keys shorter than this (`EMPTY`, `none`, what local servers are given) are not
 * replaced: they are not secrets, and replacing a common word would garble the message.
 */
const MIN_OWN_KEY_LENGTH = 8;

export const REDACTED = '[redacted]';

/** Removes anything that looks like an API key, and the deployment's own key, from upstream text. */
export function redactSecrets(text: string, ownKey: string | undefined): string {
  let result = text;
  if (ownKey !== undefined && ownKey.length >= MIN_OWN_KEY_LENGTH) result = result.replaceAll(ownKey, REDACTED);
  return result.replace(KEY_PATTERN, REDACTED).replace(BEARER_PATTERN, `Bearer ${REDACTED}`);
}
