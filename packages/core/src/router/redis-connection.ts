import { GatewayError } from '../errors/gateway-error.js';
import { Secret } from '../config/secret.js';

/**
 * Where the shared router state lives: `router_settings.redis_url`, or `redis_host` /
 * `redis_port` / `redis_password` (LiteLLM's keys). The password and the URL (which may hold
 * one) are Secrets: they never print or log.
 */
export interface RedisConnection {
  readonly url: Secret | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly password: Secret | undefined;
  /** Safe to log: `host:port` (the URL's, without credentials). */
  readonly address: string;
}

type Raw = Record<string, unknown>;

/** `undefined` when router_settings names no Redis. Throws invalid_config naming the key on a bad value. */
export function readRedisConnection(settings: Raw): RedisConnection | undefined {
  const { redis_url: url, redis_host: host, redis_port: port, redis_password: password } = settings;
  if (url === undefined && host === undefined) {
    if (port !== undefined || password !== undefined) throw invalid('redis_host', 'is needed with redis_port or redis_password (or set redis_url)');
    return undefined;
  }
  if (url !== undefined) {
    if (typeof url !== 'string' || !/^rediss?:\/\/./.test(url)) throw invalid('redis_url', 'must be a redis:// or rediss:// URL');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid('redis_url', 'must be a redis:// or rediss:// URL');
    }
    return {
      url: new Secret(url, 'router_settings.redis_url'),
      host: undefined,
      port: undefined,
      password: readPassword(password),
      address: `${parsed.hostname}:${parsed.port || '6379'}`,
    };
  }
  if (typeof host !== 'string' || host === '') throw invalid('redis_host', 'must be a host name');
  const portNumber = readPort(port);
  return { url: undefined, host, port: portNumber, password: readPassword(password), address: `${host}:${portNumber}` };
}

/** An `os.environ/REDIS_PORT` reference resolves to a string: "6379" is taken as LiteLLM takes it. */
function readPort(value: unknown): number {
  if (value === undefined || value === null) return 6379;
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) throw invalid('redis_port', 'must be a port number');
  return port;
}

function readPassword(value: unknown): Secret | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid('redis_password', 'must be a string');
  return new Secret(value, 'router_settings.redis_password');
}

function invalid(key: string, problem: string): GatewayError {
  return new GatewayError('invalid_config', `router_settings.${key} ${problem}`);
}
