import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedactor, isGatewayError } from '@switchyard/core';
import { Pool } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EntraTokenSource } from './entra-token-source.js';

const SECRET = 'entra-client-secret-0123456789';

/** A loopback token endpoint: answers `token-N` with the given lifetime, or the scripted failure. */
let server: Server;
let origin: string;
let pool: Pool;
let served = 0;
let expiresIn = 3600;
let fail: number | undefined;
let release: (() => void) | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = () => {
        served++;
        response.writeHead(fail ?? 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(fail === undefined ? { token_type: 'Bearer', expires_in: expiresIn, access_token: `token-${served}` } : { error: 'invalid_client', error_description: `AADSTS7000215: bad secret ${SECRET}` }));
      };
      if (release === undefined) answer();
      else {
        const previous = release;
        release = () => {
          previous();
          answer();
        };
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = new Pool(origin);
});
afterAll(async () => {
  await pool.close();
  server.close();
});
beforeEach(() => {
  served = 0;
  expiresIn = 3600;
  fail = undefined;
  release = undefined;
});

function source(): EntraTokenSource {
  return new EntraTokenSource({
    authority: new URL(origin),
    tenantId: 'tenant-1',
    clientId: 'client-1',
    clientSecret: SECRET,
    scope: 'https://cognitiveservices.azure.com/.default',
    dispatcher: pool,
    redactor: createRedactor({ secrets: [SECRET] }),
    label: 'model "m" at https://res.openai.azure.com',
  });
}

describe('EntraTokenSource', () => {
  it('fetches once and serves the cached token until five minutes before expiry, then refreshes', async () => {
    const tokens = source();
    let now = 1_000_000;
    tokens.now = () => now;
    expect(await tokens.token()).toBe('token-1');
    now += 3600_000 - 5 * 60_000 - 1; // just before the refresh point
    expect(await tokens.token()).toBe('token-1');
    now += 1; // at it: refreshed ahead of the real expiry
    expect(await tokens.token()).toBe('token-2');
    expect(served).toBe(2);
  });

  it('refreshes a short-lived token at half its life', async () => {
    expiresIn = 120;
    const tokens = source();
    let now = 0;
    tokens.now = () => now;
    await tokens.token();
    now = 59_999;
    expect(await tokens.token()).toBe('token-1');
    now = 60_000;
    expect(await tokens.token()).toBe('token-2');
  });

  it('shares one fetch between concurrent requests', async () => {
    const tokens = source();
    release = () => {};
    const all = Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    // Let the token endpoint answer now that all three are waiting.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const go = release!;
    release = undefined;
    go();
    expect(await all).toEqual(['token-1', 'token-1', 'token-1']);
    expect(served).toBe(1);
  });

  it('a refusal is upstream_auth_failed, redacted, and not cached: the next call tries again', async () => {
    fail = 401;
    const tokens = source();
    const error = await Promise.resolve(tokens.token()).catch((caught: unknown) => caught);
    expect(isGatewayError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('upstream_auth_failed');
    expect((error as Error).message).toContain('AADSTS7000215');
    expect((error as Error).message).not.toContain(SECRET);
    fail = undefined;
    expect(await tokens.token()).toBe('token-2');
  });

  it('a refresh that fails before the token expires keeps the old token in service; after expiry the failure shows', async () => {
    const tokens = source();
    let now = 0;
    tokens.now = () => now;
    expect(await tokens.token()).toBe('token-1');
    fail = 500;
    now = 3600_000 - 60_000; // inside the refresh margin, before expiry
    expect(await tokens.token()).toBe('token-1');
    now = 3600_000; // expired
    await expect(Promise.resolve(tokens.token())).rejects.toMatchObject({ code: 'upstream_auth_failed' });
  });
});
