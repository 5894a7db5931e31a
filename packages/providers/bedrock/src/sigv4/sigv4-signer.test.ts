// The hand-written SigV4 signer against two library implementations, on generated requests:
// `aws4` (what the plugin signed with before; the headers must stay byte-identical) and
// `@smithy/signature-v4` (the AWS SDK's own). Both are test oracles only.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigV4Signer, type SigningCredentials } from './sigv4-signer.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1', 'ca-central-1'];
const MODEL_IDS = [
  'anthropic.claude-haiku-4-5-20251001-v1:0',
  'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'amazon.titan-embed-text-v2:0',
  'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5',
  'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-70b-instruct-v1:0",
  "odd (model)!*'~ id",
];
/** 2025-03-09T00:00:00Z: requests are signed around this and other midnights. */
const MIDNIGHT = Date.UTC(2025, 2, 9);
const DAY = 86_400_000;

const alphanumeric = (length: number, characters: string) => fc.string({ unit: fc.constantFrom(...characters), minLength: length, maxLength: length });
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const credentials = fc.record({
  accessKeyId: fc.oneof(alphanumeric(16, UPPER).map((id) => `AKIA${id}`), alphanumeric(16, UPPER).map((id) => `ASIA${id}`)),
  secretAccessKey: alphanumeric(40, BASE64),
  sessionToken: fc.option(fc.string({ unit: fc.constantFrom(...BASE64, '='), minLength: 20, maxLength: 400 }), { nil: undefined }),
});
const modelId = fc.oneof(
  fc.constantFrom(...MODEL_IDS),
  // Anything else a config could name, unicode included (`.` and `..` are no model id).
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((id) => id !== '.' && id !== '..'),
);
const requests = fc.record({
  region: fc.constantFrom(...REGIONS),
  host: fc.constantFrom('bedrock-runtime.{region}.amazonaws.com', 'vpce-0a1b2c.bedrock-runtime.{region}.vpce.amazonaws.com', '127.0.0.1:8443', 'bedrock.internal'),
  // An api_base's path, as URL.pathname leaves it.
  base: fc.constantFrom('', '/bedrock', '/proxy/aws', '/a%20b'),
  modelId,
  route: fc.constantFrom('/converse', '/converse-stream', '/invoke'),
  body: fc.oneof(fc.json({ maxDepth: 3 }).map((value) => (value === '' ? '""' : value)), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 })),
  credentials,
  // Within two seconds of a UTC midnight half the time, anywhere in a year otherwise.
  at: fc.oneof(fc.integer({ min: -2000, max: 2000 }).map((offset) => MIDNIGHT + offset), fc.integer({ min: 0, max: 365 * DAY }).map((offset) => MIDNIGHT + offset)),
});

beforeAll(() => {
  // aws4 reads the time from `new Date()`.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

function withAws4(request: { host: string; region: string; path: string; body: string }, signing: SigningCredentials, contentType = 'application/json'): Record<string, string> {
  const signed = aws4.sign(
    { host: request.host, path: request.path, method: 'POST', service: 'bedrock', region: request.region, headers: { 'content-type': contentType }, body: request.body },
    { accessKeyId: signing.accessKeyId, secretAccessKey: signing.secretAccessKey, ...(signing.sessionToken === undefined ? {} : { sessionToken: signing.sessionToken }) },
  );
  return Object.fromEntries(Object.entries(signed.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

async function withSmithy(request: { host: string; region: string; path: string; body: string; at: number }, signing: SigningCredentials): Promise<string> {
  const signer = new SignatureV4({ service: 'bedrock', region: request.region, credentials: signing, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
  const headers = { 'content-type': 'application/json', host: request.host, 'content-length': String(Buffer.byteLength(request.body)) };
  const signed = await signer.sign({ method: 'POST', protocol: 'https:', hostname: request.host, path: request.path, headers, body: request.body, query: {} }, { signingDate: new Date(request.at) });
  return String(signed.headers.authorization);
}

describe('SigV4Signer', () => {
  it('signs generated requests byte-identically to aws4 and @smithy/signature-v4', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (generated) => {
        const host = generated.host.replace('{region}', generated.region);
        const path = `${generated.base}/model/${encodeURIComponent(generated.modelId)}${generated.route}`;
        const signer = new SigV4Signer({ host, region: generated.region, service: 'bedrock', contentType: 'application/json', now: () => generated.at });
        const ours = signer.sign(generated.credentials, path, generated.body);
        vi.setSystemTime(generated.at);
        const reference = withAws4({ host, region: generated.region, path, body: generated.body }, generated.credentials);
        // The same headers, values and order as aws4 sent (lowercased), so the wire is unchanged.
        expect(Object.entries(ours)).toEqual(Object.entries(reference));
        expect(ours.authorization).toBe(await withSmithy({ host, region: generated.region, path, body: generated.body, at: generated.at }, generated.credentials));
      }),
      { numRuns: 500 },
    );
  });

  it('signs a model id with `:` as `%253A`: the path segment encoded once more', () => {
    const signer = new SigV4Signer({ host: 'bedrock-runtime.us-east-1.amazonaws.com', region: 'us-east-1', service: 'bedrock', contentType: 'application/json', now: () => MIDNIGHT });
    const path = '/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/converse';
    vi.setSystemTime(MIDNIGHT);
    const signing = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    expect(signer.sign(signing, path, '{}').authorization).toBe(withAws4({ host: 'bedrock-runtime.us-east-1.amazonaws.com', region: 'us-east-1', path, body: '{}' }, signing).authorization);
    // Signed as the single-encoded path, the signature differs: the double encoding is what AWS checks.
    expect(signer.sign(signing, path, '{}').authorization).not.toBe(withAws4({ host: 'bedrock-runtime.us-east-1.amazonaws.com', region: 'us-east-1', path: '/model/anthropic.claude-haiku-4-5-20251001-v1:0/converse', body: '{}' }, signing).authorization);
  });

  it('moves to the new day at UTC midnight with one signer: date, scope and signing key', () => {
    let now = MIDNIGHT - 1;
    const signer = new SigV4Signer({ host: 'bedrock-runtime.eu-central-1.amazonaws.com', region: 'eu-central-1', service: 'bedrock', contentType: 'application/json', now: () => now });
    const signing = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEXAMPLEtoken' };
    const request = { host: 'bedrock-runtime.eu-central-1.amazonaws.com', region: 'eu-central-1', path: '/model/m%3A0/converse', body: '{"a":1}' };
    for (const at of [MIDNIGHT - 1, MIDNIGHT, MIDNIGHT + 999, MIDNIGHT + 1000, MIDNIGHT + DAY - 1, MIDNIGHT + DAY]) {
      now = at;
      vi.setSystemTime(at);
      const ours = signer.sign(signing, request.path, request.body);
      expect(ours).toEqual(withAws4(request, signing));
    }
    now = MIDNIGHT - 1;
    expect(signer.sign(signing, request.path, request.body)['x-amz-date']).toBe('20250308T235959Z');
  });

  it('signs new credentials as soon as they are handed over (a refresh), and other services (sts) and content types', () => {
    const signer = new SigV4Signer({ host: 'sts.us-west-2.amazonaws.com', region: 'us-west-2', service: 'sts', contentType: 'application/x-www-form-urlencoded; charset=utf-8', now: () => MIDNIGHT + 5000 });
    vi.setSystemTime(MIDNIGHT + 5000);
    const body = 'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=switchyard&Version=2011-06-15';
    for (const signing of [
      { accessKeyId: 'AKIAFIRSTEXAMPLE0001', secretAccessKey: 'firstSecretEXAMPLE0123456789abcdefghijkl' },
      { accessKeyId: 'ASIASECONDEXAMPLE002', secretAccessKey: 'secondSecretEXAMPLE0123456789abcdefghijk', sessionToken: 'tokenEXAMPLE' },
    ]) {
      const reference = aws4.sign({ host: 'sts.us-west-2.amazonaws.com', path: '/', method: 'POST', service: 'sts', region: 'us-west-2', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }, signing);
      expect(signer.sign(signing, '/', body).authorization).toBe(reference.headers?.Authorization);
    }
  });
});
