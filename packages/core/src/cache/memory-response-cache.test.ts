import { describe, expect, it } from 'vitest';
import { memoryResponseCache } from './memory-response-cache.js';

describe('memoryResponseCache', () => {
  it('evicts the least recently used entries to stay under its byte bound', async () => {
    const cache = memoryResponseCache({ maxBytes: 3 * 2 * (1 + 10) });
    await cache.set('a', 'x'.repeat(10), 60);
    await cache.set('b', 'y'.repeat(10), 60);
    await cache.set('c', 'z'.repeat(10), 60);
    expect(cache.bytes).toBe(66);
    await cache.get('a'); // a is now the most recent: b goes first
    await cache.set('d', 'w'.repeat(10), 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('x'.repeat(10));
    expect(await cache.get('d')).toBe('w'.repeat(10));
    expect(cache.bytes).toBeLessThanOrEqual(66);
  });

  it('never keeps an entry larger than the whole cache, and replaces an entry in place', async () => {
    const cache = memoryResponseCache({ maxBytes: 100 });
    await cache.set('small', 'ok', 60);
    await cache.set('huge', 'x'.repeat(100), 60);
    expect(await cache.get('huge')).toBeUndefined();
    expect(await cache.get('small')).toBe('ok');
    await cache.set('small', 'again', 60);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(('small'.length + 'again'.length) * 2);
  });

  it('expires entries after their ttl', async () => {
    let now = 1_000;
    const cache = memoryResponseCache({ maxBytes: 1000, clock: () => now });
    await cache.set('k', 'v', 2);
    now += 1_999;
    expect(await cache.get('k')).toBe('v');
    now += 1;
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
