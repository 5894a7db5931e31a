/**
 * The most characters of a client's value an error message quotes. Enough to recognise a model
 * name, a path or a parameter; a 7 MB model name must not come back in a 7 MB 404.
 */
export const MAX_QUOTED_CHARS = 200;

/**
 * A client value as it may appear in an error message: at most MAX_QUOTED_CHARS characters,
 * with a marker saying how much was cut. Every message that echoes what the client sent
 * (model names, paths, parameter names and values, content types) goes through here.
 */
export function clip(value: string, max = MAX_QUOTED_CHARS): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}… (${value.length - max} more characters)`;
}
