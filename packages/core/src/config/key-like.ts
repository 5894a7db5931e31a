/**
 * Field names whose values are credentials: `master_key`, `api_key`, `*_key`, `*_secret`,
 * anything with `token`, `password` or `credential` in it, `database_url` (it carries the
 * database password). Deliberately broad: it decides what is masked when a config line is
 * printed and what stays a Secret, and masking a harmless value costs nothing.
 */
const KEY_LIKE_FIELD = /(^|_)key$|_key_|secret|token|passw|credential|authorization|database_url|redis_url|dsn$|connection_string/i;

/** A value that looks like a credential wherever it appears (`sk-…`, `AIza…`, a long opaque token). */
const KEY_SHAPED_VALUE = /\b(?:sk-[\w-]{4,}|AIza[\w-]{10,}|(?:xox|ghp|gho|glpat)[\w-]{8,}|[A-Za-z0-9_\-+/]{32,}={0,2})/g;
const ENV_REFERENCE = /os\.environ\/[\w.-]*/g;

export function isKeyLikeField(name: string): boolean {
  return KEY_LIKE_FIELD.test(name);
}

/**
 * One line of a config file made safe to print: the value of a key-like field (`master_key: …`,
 * `"api_key": "…"`, `{api_key: …}` in flow style) and every `os.environ/` reference become
 * `****`, and so does anything shaped like a key. Used for the line shown under a syntax error.
 */
export function maskConfigLine(line: string): string {
  // Everything after a key-like field's separator goes: an unclosed quote may run to the line's end.
  const field = /(["']?)([\w.-]+)\1\s*[:=]/g;
  let masked = line;
  for (let match = field.exec(line); match !== null; match = field.exec(line)) {
    if (isKeyLikeField(match[2]!)) {
      const end = match.index + match[0].length;
      masked = `${line.slice(0, end)}${line.length > end ? ' ****' : ''}`;
      break;
    }
  }
  return maskSecretsIn(masked);
}

/** Masks env references and key-shaped tokens in any text (a message, a line). */
export function maskSecretsIn(text: string): string {
  return text.replace(ENV_REFERENCE, 'os.environ/****').replace(KEY_SHAPED_VALUE, '****');
}
