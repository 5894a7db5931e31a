import { describe, expect, it } from 'vitest';
import type { AwsCredentials } from './credential-provider.js';
import { RefreshingCredentials } from './refreshing-credentials.js';

const MINUTE = 60_000;

/** A fetcher handing out numbered sets that expire an hour after the (fake) clock's now. */
function setup(lifetimeMs = 60 * MINUTE) {
  let now = 1_000_000;
  let fetches = 0;
  let fail = false;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const provider = new RefreshingCredentials({
    now: () => now,
    fetch: async () => {
      fetches += 1;
      if (gate !== undefined) await gate;
      if (fail) throw Object.assign(new Error('STS refused'), { code: 'upstream_auth_failed' });
      return { accessKeyId: `ASIA${fetches}`, secretAccessKey: `secret${fetches}`, sessionToken: `token${fetches}`, expiresAt: now + lifetimeMs };
    },
  });
  return {
    provider,
    advance: (ms: number) => (now += ms),
    fetches: () => fetches,
    failing: (value: boolean) => (fail = value),
    hold: () => (gate = new Promise<void>((resolve) => (release = resolve))),
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

const keyId = async (value: AwsCredentials | Promise<AwsCredentials>) => (await value).accessKeyId;

describe('RefreshingCredentials', () => {
  it('fetches once for concurrent first requests, then answers synchronously from the cache', async () => {
    const test = setup();
    test.hold();
    const first = [test.provider.credentials(), test.provider.credentials(), test.provider.credentials()];
    test.release();
    expect(await Promise.all(first.map(keyId))).toEqual(['ASIA1', 'ASIA1', 'ASIA1']);
    expect(test.fetches()).toBe(1);
    const cached = test.provider.credentials();
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toBe(test.provider.current);
  });

  it('refreshes in the background from five minutes before expiry, the old set signing meanwhile', async () => {
    const test = setup();
    await test.provider.credentials();
    test.advance(54 * MINUTE);
    expect(test.provider.credentials()).toMatchObject({ accessKeyId: 'ASIA1' });
    expect(test.fetches()).toBe(1);
    test.advance(1 * MINUTE + 1);
    test.hold();
    // Due: the request still gets the old set at once, and one refresh starts.
    expect(test.provider.credentials()).toMatchObject({ accessKeyId: 'ASIA1' });
    expect(test.provider.credentials()).toMatchObject({ accessKeyId: 'ASIA1' });
    expect(test.fetches()).toBe(2);
    test.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(test.provider.credentials()).toMatchObject({ accessKeyId: 'ASIA2' });
  });

  it('waits for the new set within a minute of expiry, and after it', async () => {
    const test = setup();
    await test.provider.credentials();
    test.advance(59 * MINUTE + 1);
    const waiting = test.provider.credentials();
    expect(waiting).toBeInstanceOf(Promise);
    expect(await keyId(waiting)).toBe('ASIA2');
  });

  it('keeps the old set when a refresh ahead of expiry fails, retries ten seconds later, and reports the failure once nothing usable is left', async () => {
    const test = setup();
    await test.provider.credentials();
    test.failing(true);
    test.advance(56 * MINUTE);
    expect(test.provider.credentials()).toMatchObject({ accessKeyId: 'ASIA1' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(test.fetches()).toBe(2);
    test.advance(5_000);
    test.provider.credentials();
    expect(test.fetches()).toBe(2);
    test.advance(5_001);
    test.provider.credentials();
    expect(test.fetches()).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    test.advance(4 * MINUTE);
    await expect(test.provider.credentials()).rejects.toThrow('STS refused');
    // Not cached: the next request asks again, and succeeds once STS does.
    test.failing(false);
    expect(await keyId(test.provider.credentials())).toBe('ASIA5');
  });

  it('refreshes short-lived sets at half their life, and never sooner than 30 s', async () => {
    const test = setup(4 * MINUTE);
    await test.provider.credentials();
    test.advance(2 * MINUTE - 1);
    test.provider.credentials();
    expect(test.fetches()).toBe(1);
    test.advance(2);
    test.provider.credentials();
    expect(test.fetches()).toBe(2);
  });
});
