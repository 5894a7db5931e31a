import { describe, expect, it } from 'vitest';
import { ROUTER_SETTINGS } from '../config/litellm-keys.js';
import { loadSettings } from '../config/load-settings.js';
import { IMPLEMENTED_ROUTER_KEYS, readRouterSettings } from './router-settings.js';

/** LiteLLM's router_settings reference table (docs.litellm.ai/docs/proxy/config_settings#router_settings---reference). */
const LITELLM_ROUTER_KEYS = `routing_strategy redis_host redis_password redis_port enable_pre_call_checks content_policy_fallbacks
  fallbacks cooldown_time disable_cooldowns retry_policy allowed_fails allowed_fails_policy default_max_parallel_requests
  default_priority polling_interval max_fallbacks num_retries model_group_alias default_litellm_params timeout
  stream_timeout debug_level set_verbose cache_responses cache_kwargs routing_strategy_args model_group_retry_policy
  context_window_fallbacks redis_url caching_groups alerting_config assistants_config provider_budget_config
  enable_loadbalancing_on_batch_endpoints enable_tag_filtering tag_filtering_match_any retry_after client_ttl
  default_fallbacks optional_pre_call_checks ignore_invalid_deployments router_general_settings search_tools`
  .trim()
  .split(/\s+/);

describe('router_settings', () => {
  it('every key of LiteLLM’s reference table is implemented or warned about by name', () => {
    for (const key of LITELLM_ROUTER_KEYS) {
      const known = ROUTER_SETTINGS.implemented.has(key) || ROUTER_SETTINGS.lost[key] !== undefined;
      expect(known, key).toBe(true);
    }
    expect([...ROUTER_SETTINGS.implemented].sort()).toEqual([...IMPLEMENTED_ROUTER_KEYS].sort());
    const notImplemented = LITELLM_ROUTER_KEYS.filter((key) => !ROUTER_SETTINGS.implemented.has(key)).sort();
    expect(notImplemented).toEqual(
      `alerting_config assistants_config cache_kwargs cache_responses caching_groups client_ttl debug_level default_litellm_params
      default_max_parallel_requests default_priority enable_loadbalancing_on_batch_endpoints model_group_retry_policy
      optional_pre_call_checks polling_interval provider_budget_config router_general_settings search_tools set_verbose`.split(/\s+/).sort(),
    );
  });

  it('warns once per unimplemented key, naming it; implemented keys load silently', () => {
    const settings = loadSettings({
      config: { model_list: [], router_settings: { routing_strategy: 'least-busy', num_retries: 2, redis_host: 'localhost', client_ttl: 3600 } },
    });
    expect(settings.warnings).toEqual(['router_settings.client_ttl: accepted but not implemented by Switchyard; it has no effect']);
    expect(settings.router).toMatchObject({ strategy: 'least-busy', numRetries: 2, redis: { host: 'localhost', port: 6379, address: 'localhost:6379' } });
  });

  it('reads LiteLLM’s shapes and defaults', () => {
    const settings = readRouterSettings({
      model_group_alias: { 'gpt-4': 'gpt-4o', old: { model: 'gpt-4o-mini', hidden: true } },
      retry_policy: { RateLimitErrorRetries: 3, BadRequestErrorRetries: 0 },
      allowed_fails_policy: { TimeoutErrorAllowedFails: 12 },
      fallbacks: [{ 'gpt-4o': ['gpt-4o-mini'] }, { claude: ['gpt-4o'] }],
      stream_timeout: 0.5,
      routing_strategy_args: { ttl: 60, lowest_latency_buffer: 0.5 },
    });
    expect([...settings.aliases]).toEqual([
      ['gpt-4', { model: 'gpt-4o', hidden: false }],
      ['old', { model: 'gpt-4o-mini', hidden: true }],
    ]);
    expect(settings.retryPolicy).toEqual({ RateLimitError: 3, BadRequestError: 0 });
    expect(settings.allowedFailsPolicy).toEqual({ TimeoutError: 12 });
    expect(settings.fallbacks.get('claude')).toEqual(['gpt-4o']);
    expect(settings).toMatchObject({ strategy: 'simple-shuffle', streamTimeoutMs: 500, latencyTtlMs: 60_000, lowestLatencyBuffer: 0.5, cooldownMs: 5_000, allowedFails: 3, maxFallbacks: 5, numRetries: 0 });
  });

  it('refuses a value of the wrong shape, naming the key', () => {
    expect(() => readRouterSettings({ routing_strategy: 'fastest' })).toThrow('router_settings.routing_strategy must be one of');
    expect(() => readRouterSettings({ retry_policy: { RateLimitRetries: 1 } })).toThrow('router_settings.retry_policy.RateLimitRetries is not one of');
    expect(() => readRouterSettings({ cooldown_time: '5s' })).toThrow('router_settings.cooldown_time must be a number');
    expect(() => readRouterSettings({ redis_host: 'h', redis_port: 'six' })).toThrow('router_settings.redis_port must be a port number');
    expect(() => readRouterSettings({ redis_url: 'http://h' })).toThrow('router_settings.redis_url must be a redis:// or rediss:// URL');
  });

  it('reads the Redis connection in both forms, keeping the password and URL secret', () => {
    const byHost = readRouterSettings({ redis_host: 'cache.internal', redis_port: '6380', redis_password: 'pw-hidden' }).redis!;
    expect(byHost).toMatchObject({ host: 'cache.internal', port: 6380, address: 'cache.internal:6380' });
    expect(byHost.password?.reveal()).toBe('pw-hidden');
    const byUrl = readRouterSettings({ redis_url: 'redis://:pw-hidden@cache.internal:6390/2' }).redis!;
    expect(byUrl.address).toBe('cache.internal:6390');
    expect(JSON.stringify([byHost, byUrl])).not.toContain('pw-hidden');
    expect(readRouterSettings({}).redis).toBeUndefined();
  });
});
