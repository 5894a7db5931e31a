/** What a request body tells the router, and the body without the router's own keys. */
export interface RouteHints {
  /** The body to validate and send: without `fallbacks` and `tags` (never upstream parameters). */
  readonly body: Record<string, unknown>;
  /** Per-request `fallbacks` (LiteLLM accepts a list of model names in the body). */
  readonly fallbacks: readonly string[] | undefined;
  /** `tags`, else `metadata.tags`, for tag routing. */
  readonly tags: readonly string[] | undefined;
}

/** Copies the body only when it carries a router key (the common request pays one `in` check each). */
export function readRouteHints(body: Record<string, unknown>): RouteHints {
  const metadata = body.metadata as { tags?: unknown } | null | undefined;
  const metadataTags = metadata !== null && typeof metadata === 'object' ? strings(metadata.tags) : undefined;
  if (!('fallbacks' in body) && !('tags' in body)) return { body, fallbacks: undefined, tags: metadataTags };
  const { fallbacks, tags, ...rest } = body;
  return { body: rest, fallbacks: fallbackNames(fallbacks), tags: strings(tags) ?? metadataTags };
}

function fallbackNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return typeof value === 'string' ? [value] : undefined;
  // LiteLLM also takes `[{"model": "gpt-4o-mini"}]`.
  return value.flatMap((item) => (typeof item === 'string' ? [item] : typeof item?.model === 'string' ? [item.model as string] : []));
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
