import { GatewayError } from '../errors/gateway-error.js';
import type { ConfigProblems } from './config-problems.js';
import { isKeyLikeField } from './key-like.js';
import { Secret } from './secret.js';

const ENV_PREFIX = 'os.environ/';

export type Environment = Readonly<Record<string, string | undefined>>;

export function isEnvReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(ENV_PREFIX);
}

/**
 * Reads `os.environ/NAME` (LiteLLM's syntax) from the environment. A missing variable is a
 * start-up error naming the variable and where it is used, and nothing else: no other value
 * of the config is ever printed.
 */
export function resolveSecret(value: string | undefined, path: string, env: Environment): Secret | undefined {
  if (value === undefined) return undefined;
  if (!isEnvReference(value)) return new Secret(value, 'literal');
  const name = value.slice(ENV_PREFIX.length);
  const resolved = env[name];
  if (resolved === undefined || resolved === '') throw missingVariable(name, path);
  return new Secret(resolved, `env ${name}`);
}

/** The same for plain (non-secret) string values such as `api_base`. */
export function resolveValue(value: unknown, path: string, env: Environment): unknown {
  if (isEnvReference(value)) return resolveSecret(value, path, env)!.reveal();
  return value;
}

export interface ResolveTreeOptions {
  readonly env: Environment;
  readonly problems: ConfigProblems;
  /** Whether Switchyard reads the value at this path: a missing variable there is a problem. */
  readonly isUsed: (path: readonly (string | number)[]) => boolean;
  /** Collects the JSON pointers of values left unresolved, so the schema does not report them a second time. */
  readonly unresolved?: Set<string>;
}

/**
 * Resolves every `os.environ/NAME` in a raw config before schema validation, as LiteLLM does,
 * so `api_base: os.environ/AZURE_API_BASE` is validated as the URL it holds and
 * `timeout: os.environ/TIMEOUT` as a number. Key-like fields (api_key, master_key, *_secret …)
 * keep their reference: they become Secrets when normalized and their values never enter the
 * tree (nor any error message). A variable that is not set is a problem where Switchyard reads
 * the value, and is left as written under keys it ignores. Returns a copy.
 */
export function resolveEnvTree(value: unknown, options: ResolveTreeOptions, path: (string | number)[] = []): unknown {
  if (Array.isArray(value)) return value.map((item, index) => resolveEnvTree(item, options, [...path, index]));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = resolveEnvTree(item, options, [...path, key]);
    return copy;
  }
  if (!isEnvReference(value)) return value;
  const field = path[path.length - 1];
  const name = value.slice(ENV_PREFIX.length);
  const resolved = options.env[name];
  // Key-like fields are resolved (and a missing variable reported) by resolveSecret, later.
  if (typeof field === 'string' && isKeyLikeField(field)) return value;
  if (resolved === undefined || resolved === '') {
    if (options.isUsed(path)) {
      options.problems.add(missingVariable(name, formatPath(path)).message.replace(/\.$/, ''));
      options.unresolved?.add(`/${path.join('/')}`);
    }
    return value;
  }
  return resolved;
}

function missingVariable(name: string, path: string): GatewayError {
  return new GatewayError('invalid_config', `Environment variable ${name} is not set (used by ${path}).`);
}

export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}
