/**
 * A `model_name` with `*` in it (`*`, `openai/*`, `claude-*`), LiteLLM's wildcard deployments.
 * Matching is plain string work (startsWith/endsWith/indexOf), no regex: a handful of
 * comparisons per pattern on the request path.
 */
export interface WildcardPattern {
  readonly pattern: string;
  /** The literal text between the stars: `claude-*` → ['claude-', '']. */
  readonly parts: readonly string[];
  /** Literal characters: more means more specific; LiteLLM tries the most specific first. */
  readonly specificity: number;
}

export function isWildcard(name: string): boolean {
  return name.includes('*');
}

export function compileWildcard(pattern: string): WildcardPattern {
  const parts = pattern.split('*');
  return { pattern, parts, specificity: pattern.length - (parts.length - 1) };
}

/** What each `*` stood for, or `undefined` when the name does not match. Stars match one character or more. */
export function matchWildcard(wildcard: WildcardPattern, name: string): string[] | undefined {
  const { parts } = wildcard;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (name.length < wildcard.specificity + parts.length - 1) return undefined;
  if (!name.startsWith(first) || !name.endsWith(last)) return undefined;
  const captures: string[] = [];
  let position = first.length;
  const end = name.length - last.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index]!;
    const found = name.indexOf(part, position + 1);
    if (found === -1 || found + part.length > end) return undefined;
    captures.push(name.slice(position, found));
    position = found + part.length;
  }
  if (end - position < 1) return undefined;
  captures.push(name.slice(position, end));
  return captures;
}

/**
 * Puts captures into a template's stars in order (`anthropic/claude-*` with ['3-opus']); a
 * template with more stars than captures reuses the last one, one without stars is literal.
 */
export function fillWildcard(template: string, captures: readonly string[]): string {
  if (!template.includes('*')) return template;
  let index = 0;
  return template.replace(/\*/g, () => captures[Math.min(index++, captures.length - 1)] ?? '');
}
