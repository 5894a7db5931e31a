import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key.js';
import { readCacheControls } from './cache-controls.js';

const base = { namespace: '', endpoint: 'chat.completions', modelGroup: 'gpt' };

describe('cacheKey', () => {
  it('is the same for the same request whatever the key order, the user, metadata or stream_options', () => {
    const one = cacheKey({ ...base, body: { model: 'gpt', messages: [{ role: 'user', content: 'hi' }], temperature: 0 } });
    const two = cacheKey({ ...base, body: { temperature: 0, messages: [{ content: 'hi', role: 'user' }], model: 'alias', user: 'u', metadata: { a: 1 }, stream_options: { include_usage: true } } });
    expect(two).toBe(one);
  });

  it('differs by sampling params, tools, stream, model group, namespace and (when asked) key', () => {
    const body = { messages: [{ role: 'user', content: 'hi' }] };
    const keys = new Set([
      cacheKey({ ...base, body }),
      cacheKey({ ...base, body: { ...body, temperature: 1 } }),
      cacheKey({ ...base, body: { ...body, tools: [{ type: 'function', function: { name: 'f' } }] } }),
      cacheKey({ ...base, body: { ...body, stream: true } }),
      cacheKey({ ...base, modelGroup: 'other', body }),
      cacheKey({ ...base, namespace: 'tenant', body }),
      cacheKey({ ...base, apiKeyHash: 'abc', body }),
      cacheKey({ ...base, endpoint: 'responses', body }),
    ]);
    expect(keys.size).toBe(8);
    expect(cacheKey({ ...base, namespace: 'tenant', body })).toMatch(/^tenant:switchyard:cache:[0-9a-f]{64}$/);
  });
});

describe('readCacheControls', () => {
  it('reads the body controls and the Cache-Control header', () => {
    expect(readCacheControls({ 'no-cache': true, ttl: 5, 's-maxage': 2, namespace: 'n' }, undefined)).toMatchObject({ noCache: true, noStore: false, ttlSeconds: 5, maxAgeSeconds: 2, namespace: 'n' });
    expect(readCacheControls(undefined, 'no-store, max-age=30')).toMatchObject({ noStore: true, noCache: false, maxAgeSeconds: 30 });
    expect(readCacheControls(undefined, 'max-age=0')).toMatchObject({ noCache: true });
  });

  it('refuses malformed controls as the client’s error', () => {
    for (const bad of ['yes', [1], { ttl: -1 }, { 'no-store': 'true' }, { namespace: 3 }]) {
      expect(() => readCacheControls(bad, undefined)).toThrow(expect.objectContaining({ code: 'invalid_value', param: 'cache' }));
    }
  });
});
