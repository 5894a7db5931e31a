import { describe, expect, it } from 'vitest';
import { GATEWAY_ROUTES } from './gateway-routes.js';
import { createRouteMatcher } from './match-route.js';

const match = createRouteMatcher(GATEWAY_ROUTES);

describe('route matching', () => {
  it('answers every route with and without /v1, ignoring a trailing slash', () => {
    expect(match('POST', '/v1/chat/completions').name).toBe('chat.completions');
    expect(match('POST', '/chat/completions').name).toBe('chat.completions');
    expect(match('GET', '/v1/models/').name).toBe('models');
    expect(match('GET', '/health/liveliness').public).toBe(true);
    expect(match('GET', '/health/live').public).toBe(true);
    // With a master key, GET /health is LiteLLM's deployment check: it needs the key.
    expect(match('GET', '/health').public).toBeFalsy();
  });

  it('matches a wildcard route below a path, exact paths first', () => {
    expect(match('GET', '/v1/models').name).toBe('models');
    expect(match('GET', '/v1/models/gpt-5.5').name).toBe('models.retrieve');
    expect(match('GET', '/models/meta-llama%2FLlama-3').name).toBe('models.retrieve');
    expect(() => match('POST', '/v1/models/gpt-5.5')).toThrow(expect.objectContaining({ status: 405 }));
  });

  it('throws a 404 for unknown paths and a 405 with Allow for a wrong method', () => {
    expect(() => match('GET', '/v1/unknown')).toThrow(expect.objectContaining({ status: 404, code: 'not_found' }));
    expect(() => match('GET', '/v1/embeddings')).toThrow(expect.objectContaining({ status: 405, headers: { allow: 'POST' } }));
  });
});
