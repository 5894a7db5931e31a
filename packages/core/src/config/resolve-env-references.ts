import { GatewayError } from '../errors/gateway-error.js';
import { Secret } from './secret.js';

const ENV_PREFIX = 'os.environ/';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads `os.environ/NAME` (LiteLLM's syntax) from the environment. A missing variable is a
 * start-up error naming the variable and where it is used, and nothing else: no other value
 * of the config is ever printed.
 */
export function resolveSecret(value: string | undefined, path: string, env: Environment): Secret | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith(ENV_PREFIX)) return new Secret(value, 'literal');
  const name = value.slice(ENV_PREFIX.length);
  const resolved = env[name];
  if (resolved === undefined || resolved === '') {
    throw new GatewayError('invalid_config', `Environment variable ${name} is not set (used by ${path}).`);
  }
  return new Secret(resolved, `env ${name}`);
}

/** The same for plain (non-secret) string values such as `api_base`. */
export function resolveValue(value: unknown, path: string, env: Environment): unknown {
  if (typeof value === 'string' && value.startsWith(ENV_PREFIX)) return resolveSecret(value, path, env)!.reveal();
  return value;
}
