import { GatewayError } from '../errors/gateway-error.js';
import { readRedisConnection, type RedisConnection } from './redis-connection.js';

export const ROUTING_STRATEGIES = [
  'simple-shuffle',
  'least-busy',
  'latency-based-routing',
  'usage-based-routing-v2',
  'cost-based-routing',
  'adaptive',
] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** LiteLLM's exception classes, as `retry_policy` and `allowed_fails_policy` name them. */
export const ERROR_CLASSES = [
  'AuthenticationError',
  'TimeoutError',
  'RateLimitError',
  'ContentPolicyViolationError',
  'InternalServerError',
  'BadRequestError',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number] | 'ContextWindowExceededError' | 'NotFoundError';

/** `router_settings`, read once per config: what the route stage runs on. */
export interface RouterSettings {
  readonly strategy: RoutingStrategy;
  /** latency-based-routing: samples older than this are forgotten (LiteLLM default 1 h). */
  readonly latencyTtlMs: number;
  /** latency-based-routing: pick at random among deployments within (1 + buffer) × the fastest. */
  readonly lowestLatencyBuffer: number;
  /** adaptive: how often the weights are recomputed. */
  readonly adaptiveRefreshMs: number;
  /** `{alias: group}`; the `{model, hidden}` form keeps its `hidden` flag. */
  readonly aliases: ReadonlyMap<string, { readonly model: string; readonly hidden: boolean }>;
  readonly numRetries: number;
  readonly retryPolicy: Readonly<Partial<Record<ErrorClass, number>>>;
  /** Minimum wait before a retry, ms (LiteLLM's `retry_after`, seconds). */
  readonly retryAfterMs: number;
  /** An upstream `retry-after` longer than this is not waited for: the retry goes elsewhere or the error goes to the client. */
  readonly maxRetryAfterMs: number;
  readonly timeoutMs: number | undefined;
  readonly streamTimeoutMs: number | undefined;
  readonly allowedFails: number;
  readonly allowedFailsPolicy: Readonly<Partial<Record<ErrorClass, number>>>;
  readonly cooldownMs: number;
  readonly disableCooldowns: boolean;
  readonly fallbacks: ReadonlyMap<string, readonly string[]>;
  readonly contextWindowFallbacks: ReadonlyMap<string, readonly string[]>;
  readonly contentPolicyFallbacks: ReadonlyMap<string, readonly string[]>;
  readonly defaultFallbacks: readonly string[];
  readonly maxFallbacks: number;
  readonly enablePreCallChecks: boolean;
  readonly enableTagFiltering: boolean;
  readonly tagMatchAny: boolean;
  /** router_settings.redis_url / redis_host…: cooldowns, in-flight counts and per-minute usage shared between instances. */
  readonly redis: RedisConnection | undefined;
  /** Accepted with a change of meaning (a deprecated strategy name): said once at start. */
  readonly warnings: readonly string[];
}

/** Keys of router_settings this file reads (the others are warned about by name). */
export const IMPLEMENTED_ROUTER_KEYS = [
  'routing_strategy',
  'routing_strategy_args',
  'model_group_alias',
  'num_retries',
  'retry_policy',
  'retry_after',
  'timeout',
  'stream_timeout',
  'allowed_fails',
  'allowed_fails_policy',
  'cooldown_time',
  'disable_cooldowns',
  'fallbacks',
  'context_window_fallbacks',
  'content_policy_fallbacks',
  'default_fallbacks',
  'max_fallbacks',
  'enable_pre_call_checks',
  'enable_tag_filtering',
  'tag_filtering_match_any',
  'ignore_invalid_deployments',
  'redis_host',
  'redis_port',
  'redis_password',
  'redis_url',
] as const;

type Raw = Record<string, unknown>;

/**
 * Reads `router_settings` with LiteLLM's defaults (cooldown_time 5 s, allowed_fails 3 per
 * minute, max_fallbacks 5, num_retries 0, latency ttl 1 h). Throws invalid_config naming the
 * key on a value of the wrong shape, so a typo never silently routes differently.
 */
export function readRouterSettings(raw: unknown): RouterSettings {
  const settings: Raw = isMapping(raw) ? raw : {};
  const args = mapping(settings.routing_strategy_args, 'routing_strategy_args');
  const warnings: string[] = [];
  let strategy = settings.routing_strategy ?? 'simple-shuffle';
  if (strategy === 'usage-based-routing') {
    warnings.push('router_settings.routing_strategy: usage-based-routing is LiteLLM\'s deprecated v1; it is routed as usage-based-routing-v2');
    strategy = 'usage-based-routing-v2';
  }
  if (typeof strategy !== 'string' || !(ROUTING_STRATEGIES as readonly string[]).includes(strategy)) {
    throw invalid('routing_strategy', `must be one of ${ROUTING_STRATEGIES.join(', ')} (got ${JSON.stringify(strategy)})`);
  }
  return {
    strategy: strategy as RoutingStrategy,
    latencyTtlMs: seconds(args.ttl, 'routing_strategy_args.ttl', 3600),
    lowestLatencyBuffer: number(args.lowest_latency_buffer, 'routing_strategy_args.lowest_latency_buffer', 0),
    adaptiveRefreshMs: seconds(args.refresh_interval, 'routing_strategy_args.refresh_interval', 5),
    aliases: readAliases(settings.model_group_alias),
    numRetries: number(settings.num_retries, 'num_retries', 0),
    retryPolicy: readPolicy(settings.retry_policy, 'retry_policy', 'Retries'),
    retryAfterMs: seconds(settings.retry_after, 'retry_after', 0),
    maxRetryAfterMs: seconds(args.max_retry_after, 'routing_strategy_args.max_retry_after', 10),
    timeoutMs: optionalSeconds(settings.timeout, 'timeout'),
    streamTimeoutMs: optionalSeconds(settings.stream_timeout, 'stream_timeout'),
    allowedFails: number(settings.allowed_fails, 'allowed_fails', 3),
    allowedFailsPolicy: readPolicy(settings.allowed_fails_policy, 'allowed_fails_policy', 'AllowedFails'),
    cooldownMs: seconds(settings.cooldown_time, 'cooldown_time', 5),
    disableCooldowns: boolean(settings.disable_cooldowns, 'disable_cooldowns', false),
    fallbacks: readFallbacks(settings.fallbacks, 'fallbacks'),
    contextWindowFallbacks: readFallbacks(settings.context_window_fallbacks, 'context_window_fallbacks'),
    contentPolicyFallbacks: readFallbacks(settings.content_policy_fallbacks, 'content_policy_fallbacks'),
    defaultFallbacks: names(settings.default_fallbacks, 'default_fallbacks'),
    maxFallbacks: number(settings.max_fallbacks, 'max_fallbacks', 5),
    enablePreCallChecks: boolean(settings.enable_pre_call_checks, 'enable_pre_call_checks', false),
    enableTagFiltering: boolean(settings.enable_tag_filtering, 'enable_tag_filtering', false),
    tagMatchAny: boolean(settings.tag_filtering_match_any, 'tag_filtering_match_any', true),
    redis: readRedisConnection(settings),
    warnings,
  };
}

function readAliases(value: unknown): RouterSettings['aliases'] {
  const aliases = new Map<string, { model: string; hidden: boolean }>();
  for (const [alias, target] of Object.entries(mapping(value, 'model_group_alias'))) {
    if (typeof target === 'string') aliases.set(alias, { model: target, hidden: false });
    else if (isMapping(target) && typeof target.model === 'string') aliases.set(alias, { model: target.model, hidden: target.hidden === true });
    else throw invalid(`model_group_alias.${alias}`, 'must be a model name or {model, hidden}');
  }
  return aliases;
}

/** `retry_policy: {RateLimitErrorRetries: 3}` → {RateLimitError: 3}. */
function readPolicy(value: unknown, key: string, suffix: string): Partial<Record<ErrorClass, number>> {
  const policy: Partial<Record<ErrorClass, number>> = {};
  for (const [name, count] of Object.entries(mapping(value, key))) {
    const errorClass = name.endsWith(suffix) ? name.slice(0, -suffix.length) : '';
    if (!(ERROR_CLASSES as readonly string[]).includes(errorClass)) {
      throw invalid(`${key}.${name}`, `is not one of ${ERROR_CLASSES.map((c) => c + suffix).join(', ')}`);
    }
    policy[errorClass as ErrorClass] = number(count, `${key}.${name}`, 0);
  }
  return policy;
}

/** LiteLLM's list of one-key mappings, `[{"gpt-4o": ["gpt-4o-mini"]}]`; a plain mapping is taken too. */
function readFallbacks(value: unknown, key: string): ReadonlyMap<string, readonly string[]> {
  const fallbacks = new Map<string, readonly string[]>();
  if (value === undefined || value === null) return fallbacks;
  const entries = Array.isArray(value) ? value : [value];
  entries.forEach((entry, index) => {
    if (!isMapping(entry)) throw invalid(`${key}[${index}]`, 'must be a mapping of model group to fallback groups');
    for (const [group, targets] of Object.entries(entry)) fallbacks.set(group, names(targets, `${key}[${index}].${group}`));
  });
  return fallbacks;
}

function names(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw invalid(key, 'must be a list of model names');
  return list as string[];
}

function mapping(value: unknown, key: string): Raw {
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) throw invalid(key, 'must be a mapping');
  return value;
}

function number(value: unknown, key: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(key, `must be a number ≥ 0 (got ${JSON.stringify(value)})`);
  return value;
}

function seconds(value: unknown, key: string, fallback: number): number {
  return Math.round(number(value, key, fallback) * 1000);
}

function optionalSeconds(value: unknown, key: string): number | undefined {
  return value === undefined || value === null ? undefined : seconds(value, key, 0);
}

function boolean(value: unknown, key: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalid(key, `must be true or false (got ${JSON.stringify(value)})`);
  return value;
}

function isMapping(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(key: string, problem: string): GatewayError {
  return new GatewayError('invalid_config', `router_settings.${key} ${problem}`);
}
