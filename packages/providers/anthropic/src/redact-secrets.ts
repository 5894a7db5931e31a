// A local copy of the OpenAI provider's redaction, extended to Anthropic keys. Another change
// moves redaction into @switchyard/core; once it lands this file should use that export.

/** Anthropic keys (`sk-ant-api03-…`, `sk-ant-admin01-…`) and OpenAI-style `sk-…` keys. */
const KEY_PATTERN = /\bsk-(?:ant-)?[A-Za-z0-9_*-]{3,}/g;
/** A bearer credential echoed back in a message. */
const BEARER_PATTERN = /\bBearer\s+[^\s"',]+/gi;
/** Placeholder keys shorter than this are not secrets; replacing a common word would garble the text. */
const MIN_OWN_KEY_LENGTH = 8;

export const REDACTED = '[redacted]';

/** Removes anything that looks like an API key, and the deployment's own key, from upstream text. */
export function redactSecrets(text: string, ownKey: string | undefined): string {
  let result = text;
  if (ownKey !== undefined && ownKey.length >= MIN_OWN_KEY_LENGTH) result = result.replaceAll(ownKey, REDACTED);
  return result.replace(KEY_PATTERN, REDACTED).replace(BEARER_PATTERN, `Bearer ${REDACTED}`);
}
