import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The credentials the fake Bedrock knows: access key id → secret (and the session token it issued, if any). */
export interface KnownCredentials {
  readonly [accessKeyId: string]: { readonly secretAccessKey: string; readonly sessionToken?: string };
}

export interface SignedRequest {
  readonly method: string;
  /** The path as it arrived on the wire (`/model/…%3A0/converse`). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Verdict = { readonly ok: true; readonly accessKeyId: string; readonly region: string; readonly service: string } | { readonly ok: false; readonly reason: string };

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Recomputes an AWS Signature Version 4 server-side, written from the spec
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) with node:crypto
 * only, so it shares no code with the signer under test: canonical request (the path's
 * segments URI-encoded once more, as every service but S3 does), string to sign, the derived
 * key, the HMAC. Also checks the date is within AWS's 5 minutes, the body hash, and that
 * `host` and a session token are among the signed headers.
 */
export function verifySigV4(request: SignedRequest, known: KnownCredentials, now = Date.now()): Verdict {
  const authorization = header(request.headers, 'authorization');
  const match = authorization === undefined ? null : AUTHORIZATION.exec(authorization);
  if (match === null) return { ok: false, reason: 'no AWS4-HMAC-SHA256 authorization header' };
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as string[];
  const credentials = known[accessKeyId!];
  if (credentials === undefined) return { ok: false, reason: `unknown access key ${accessKeyId}` };
  const amzDate = header(request.headers, 'x-amz-date');
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) return { ok: false, reason: 'x-amz-date missing or not the credential date' };
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  if (Math.abs(now - signedAt) > 5 * 60_000) return { ok: false, reason: 'signature date outside 5 minutes' };
  const signedHeaders = signedHeaderList!.split(';');
  if (!signedHeaders.includes('host')) return { ok: false, reason: 'host is not signed' };
  if (credentials.sessionToken !== undefined) {
    if (header(request.headers, 'x-amz-security-token') !== credentials.sessionToken) return { ok: false, reason: 'session token missing or wrong' };
    if (!signedHeaders.includes('x-amz-security-token')) return { ok: false, reason: 'session token is not signed' };
  }
  const payloadHash = sha256(request.body);
  const declaredHash = header(request.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== payloadHash) return { ok: false, reason: 'x-amz-content-sha256 is not the body hash' };

  const [rawPath, rawQuery = ''] = request.path.split('?') as [string, string?];
  const canonicalUri = rawPath.split('/').map(uriEncode).join('/');
  const canonicalQuery = rawQuery === '' ? '' : rawQuery.split('&').map((pair) => pair.split('=').map((part) => uriEncode(decodeURIComponent(part))).join('=')).sort().join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(header(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [request.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (expected !== signature) return { ok: false, reason: 'signature mismatch' };
  return { ok: true, accessKeyId: accessKeyId!, region: region!, service: service! };
}

/** RFC 3986 encoding: unreserved characters kept, every other byte %XX (upper case). */
function uriEncode(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
