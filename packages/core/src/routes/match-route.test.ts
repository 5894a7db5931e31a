import { describe, expect, it } from 'vitest';
import { GATEWAY_ROUTES } from './gateway-routes.js';
import { createRouteMatcher } from './match-route.js';

const match = createRouteMatcher(GATEWAY_ROUTES);

describe('route matching', () => {
  it('answers every route with and without /v1, ignoring a trailing slash', () => {
    expect(match('POST', '/v1/chat/completions').name).toBe('chat.completions');
    expect(match('POST', '/chat/completions').name).toBe('chat.completions');
    expect(match('GET', '/v1/models/').name).toBe('models');
    expect(match('GET', '/health').public).toBe(true);
  });

  it('throws a 404 for unknown paths and a 405 with Allow for a wrong method', () => {
    expect(() => match('GET', '/v1/unknown')).toThrow(expect.objectContaining({ status: 404, code: 'not_found' }));
    expect(() => match('GET', '/v1/embeddings')).toThrow(expect.objectContaining({ status: 405, headers: { allow: 'POST' } }));
  });
});
