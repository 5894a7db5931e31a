import type { Endpoint } from '../providers/provider.js';

/**
 * Where a parameter lives in each endpoint's body. Capability files name parameters as
 * chat/completions does; the Responses API nests some of them. This is OpenAI's wire format,
 * the same for every model, so it is code and not capability data.
 */
const RESPONSES_LOCATIONS: Readonly<Record<string, readonly string[]>> = {
  reasoning_effort: ['reasoning', 'effort'],
  verbosity: ['text', 'verbosity'],
};

/** The parameters that bound output tokens, checked against `limits.max_output_tokens`. */
export const OUTPUT_TOKEN_PARAMS: Readonly<Record<Endpoint, readonly string[]>> = {
  'chat.completions': ['max_tokens', 'max_completion_tokens'],
  responses: ['max_output_tokens'],
  embeddings: [],
};

export function paramLocation(endpoint: Endpoint, name: string): readonly string[] {
  return (endpoint === 'responses' ? RESPONSES_LOCATIONS[name] : undefined) ?? [name];
}

/** `reasoning.effort`: a location as OpenAI names it in an error's `param`. */
export function locationName(location: readonly string[]): string {
  return location.join('.');
}

/** Reads a location without allocating; `undefined` when any step is missing. */
export function compileAccessor(location: readonly string[]): (body: Record<string, unknown>) => unknown {
  const [first, second] = location as [string, string | undefined];
  if (location.length === 1) return (body) => body[first];
  if (location.length === 2 && second !== undefined) {
    return (body) => {
      const parent = body[first];
      return parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[second] : undefined;
    };
  }
  return (body) => {
    let value: unknown = body;
    for (const key of location) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
}

/**
 * A copy of the body without one location (copy-on-write: the client's body is never
 * changed). An object emptied by the removal goes too, so `reasoning: {}` is not sent.
 */
export function removeLocation(body: Record<string, unknown>, location: readonly string[]): Record<string, unknown> {
  const [key, ...rest] = location;
  if (key === undefined || !(key in body)) return body;
  const copy = { ...body };
  const child = copy[key];
  if (rest.length === 0 || child === null || typeof child !== 'object' || Array.isArray(child)) {
    delete copy[key];
    return copy;
  }
  const reduced = removeLocation(child as Record<string, unknown>, rest);
  if (Object.keys(reduced).length === 0) delete copy[key];
  else copy[key] = reduced;
  return copy;
}
