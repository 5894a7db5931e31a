import { describe, expect, it } from 'vitest';
import { readOperationsSettings } from './operations-settings.js';

describe('readOperationsSettings', () => {
  it('reads LiteLLM callback names from all three lists and warns once about the rest', () => {
    const settings = readOperationsSettings({ callbacks: ['prometheus'], success_callback: ['langfuse', 'datadog'], failure_callback: 's3' });
    expect(settings).toMatchObject({ metrics: true, tracing: true, exporters: ['langfuse'], metricsPublic: false, cache: undefined });
    expect(settings.warnings).toEqual(['litellm_settings callbacks "datadog", "s3" are not implemented and are not called (implemented: prometheus, otel, langfuse)']);
  });

  it('reads cache_params with LiteLLM defaults and names what it does not cache', () => {
    const cache = readOperationsSettings({ cache: true, cache_params: { type: 'redis', ttl: 30, namespace: 'ns', mode: 'default_off', supported_call_types: ['acompletion', 'atranscription'] } });
    expect(cache.cache).toMatchObject({ type: 'redis', ttlSeconds: 30, namespace: 'ns', defaultOff: true, endpoints: new Set(['chat.completions']) });
    expect(cache.warnings[0]).toContain('atranscription');
    expect(readOperationsSettings({ cache: true }).cache).toMatchObject({ type: 'local', ttlSeconds: 600, defaultOff: false });
    const semantic = readOperationsSettings({ cache: true, cache_params: { type: 'redis-semantic' } });
    expect(semantic.cache).toBeUndefined();
    expect(semantic.warnings[0]).toContain('semantic caching is not supported');
  });

  it('refuses values of the wrong shape', () => {
    for (const bad of [{ callbacks: 3 }, { cache: 'yes' }, { cache: true, cache_params: { ttl: 0 } }, { cache: true, cache_params: { mode: 'sometimes' } }, { require_auth_for_metrics_endpoint: 'no' }]) {
      expect(() => readOperationsSettings(bad)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    }
  });
});
