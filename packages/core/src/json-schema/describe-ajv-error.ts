import type { ErrorObject } from 'ajv';
import { formatJsonPath } from './format-json-path.js';

/** One Ajv error as `path: problem`, naming the offending property where Ajv knows it. */
export function describeAjvError(error: ErrorObject, root = ''): { path: string; message: string } {
  let path = formatJsonPath(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    path = joinPath(path, params.missingProperty);
    message = 'is required';
  } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    path = joinPath(path, params.additionalProperty);
    message = 'is not an allowed property';
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return { path: path === '' ? '(root)' : path, message };
}

export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined, root = ''): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const error of errors ?? []) {
    // oneOf/anyOf restate their branches' errors; the branch errors are the useful ones.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const { path, message } = describeAjvError(error, root);
    const line = `${path} ${message}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  return lines;
}

function joinPath(base: string, property: string): string {
  const suffix = formatJsonPath(`/${property}`);
  return base === '' ? suffix : suffix.startsWith('[') ? base + suffix : `${base}.${suffix}`;
}
