import { createHmac, hash } from 'node:crypto';
import { AmzClock } from './amz-clock.js';
import { canonicalUri } from './canonical-uri.js';

/** What a signature needs of a set of AWS credentials. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials only: sent (and signed) as `x-amz-security-token`. */
  readonly sessionToken?: string | undefined;
}

export interface SigV4SignerOptions {
  /** The `host` header as sent: the endpoint's host, with its port when it has one. */
  readonly host: string;
  readonly region: string;
  /** The signing name: `bedrock`, `sts`. */
  readonly service: string;
  /** The body's `content-type`, sent and signed. */
  readonly contentType: string;
  /** Clock, for tests (a signature at 23:59:59.999 and one a millisecond later). Default `Date.now`. */
  readonly now?: () => number;
}

/** Paths cached per signer beyond this are canonicalized per call (a signer sees two or three). */
const MAX_CACHED_PATHS = 32;
/** SHA-256's block size: HMAC pads its key to this. */
const BLOCK = 64;
/** Where the date goes in the string to sign, after `AWS4-HMAC-SHA256\n`. */
const DATE_OFFSET = BLOCK + 'AWS4-HMAC-SHA256\n'.length;

/**
 * AWS Signature Version 4 for `POST` requests with a body, on node:crypto, with everything that
 * does not change between requests worked out before the first one: the canonical `host` and
 * `content-type` lines, the credential scope, the signed-header list, the `Authorization`
 * prefix, and — per set of credentials and per UTC day — the derived signing key
 * (kDate → kRegion → kService → kSigning). A request then costs one SHA-256 of the body, one of
 * the canonical request, one HMAC and a few string concatenations.
 *
 * The per-request HMAC is computed from its definition, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))
 * (https://www.rfc-editor.org/rfc/rfc2104), with node:crypto's one-shot `hash()` over two
 * buffers prepared with the key: inside the gateway each node:crypto object costs far more than
 * its digest (createHmac was ~10 µs of a request's CPU there), and these are two calls without
 * one. The string to sign is written into the inner buffer in place: only its date and the
 * canonical request's digest change between requests.
 *
 * The output is byte for byte what `aws4.sign` produces for the same request (the headers
 * lowercased): `content-type`, `host`, `content-length`, `x-amz-security-token` with temporary
 * credentials, `x-amz-date`, `authorization`, signing `content-length;content-type;host;x-amz-date`
 * (`;x-amz-security-token`). `src/sigv4/sigv4-signer.test.ts` checks that against `aws4` and
 * `@smithy/signature-v4` on generated requests.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export class SigV4Signer {
  readonly #host: string;
  readonly #contentType: string;
  readonly #region: string;
  readonly #service: string;
  /** `content-type:…\nhost:…\nx-amz-date:` — the canonical headers between the length and the date. */
  readonly #headerLines: string;
  readonly #clock: AmzClock;
  readonly #paths = new Map<string, string>();
  // Worked out per set of credentials and UTC day (#derive).
  #credentials: SigningCredentials | undefined;
  #day = '';
  /** (kSigning ⊕ ipad), then the string to sign: `AWS4-HMAC-SHA256\n{date}\n{scope}\n{digest}`. */
  #inner: Buffer = Buffer.alloc(0);
  /** (kSigning ⊕ opad), then the inner digest. */
  readonly #outer: Buffer = Buffer.alloc(BLOCK + 32);
  /** Where the canonical request's hex digest starts in `#inner`. */
  #digestOffset = 0;
  /** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=` */
  #authorizationPrefix = '';
  /** `\nx-amz-security-token:…` or nothing, then the blank line and the signed-header list. */
  #canonicalTail = '';

  constructor(options: SigV4SignerOptions) {
    this.#host = options.host;
    this.#contentType = options.contentType;
    this.#region = options.region;
    this.#service = options.service;
    this.#headerLines = `content-type:${canonicalValue(options.contentType)}\nhost:${canonicalValue(options.host)}\nx-amz-date:`;
    this.#clock = new AmzClock(options.now);
  }

  /** The headers of one `POST {path}` with `body`, signed with `credentials` now. */
  sign(credentials: SigningCredentials, path: string, body: string): Record<string, string> {
    const clock = this.#clock;
    clock.tick();
    if (credentials !== this.#credentials || clock.day !== this.#day) this.#derive(credentials, clock.day);
    const amzDate = clock.amzDate;
    const length = String(Buffer.byteLength(body, 'utf8'));
    const canonicalRequest = `POST\n${this.#canonicalPath(path)}\n\ncontent-length:${length}\n${this.#headerLines}${amzDate}${this.#canonicalTail}\n${hash('sha256', body, 'hex')}`;
    const inner = this.#inner;
    inner.write(amzDate, DATE_OFFSET, 'latin1');
    inner.write(hash('sha256', canonicalRequest, 'hex'), this.#digestOffset, 'latin1');
    // 'binary' is latin1: the 32 digest bytes as 32 one-byte characters, written back as those bytes.
    this.#outer.write(hash('sha256', inner, 'binary'), BLOCK, 'latin1');
    const authorization = this.#authorizationPrefix + hash('sha256', this.#outer, 'hex');
    const sessionToken = credentials.sessionToken;
    // aws4's header order, so the wire stays what it was.
    if (sessionToken === undefined || sessionToken === '') {
      return { 'content-type': this.#contentType, host: this.#host, 'content-length': length, 'x-amz-date': amzDate, authorization };
    }
    return { 'content-type': this.#contentType, host: this.#host, 'content-length': length, 'x-amz-security-token': sessionToken, 'x-amz-date': amzDate, authorization };
  }

  #derive(credentials: SigningCredentials, day: string): void {
    const token = credentials.sessionToken === undefined || credentials.sessionToken === '' ? undefined : credentials.sessionToken;
    const signedHeaders = token === undefined ? 'content-length;content-type;host;x-amz-date' : 'content-length;content-type;host;x-amz-date;x-amz-security-token';
    const scope = `${day}/${this.#region}/${this.#service}/aws4_request`;
    this.#authorizationPrefix = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=`;
    this.#canonicalTail = `${token === undefined ? '' : `\nx-amz-security-token:${canonicalValue(token)}`}\n\n${signedHeaders}`;
    const dateKey = hmac(`AWS4${credentials.secretAccessKey}`, day);
    const signingKey = hmac(hmac(hmac(dateKey, this.#region), this.#service), 'aws4_request');
    // The date placeholder is overwritten per request; region and service are ASCII (the region is validated).
    const stringToSign = Buffer.from(`AWS4-HMAC-SHA256\n${'0'.repeat(16)}\n${scope}\n${'0'.repeat(64)}`, 'latin1');
    const inner = Buffer.concat([Buffer.alloc(BLOCK, 0x36), stringToSign]);
    const outer = this.#outer.fill(0x5c, 0, BLOCK);
    for (let index = 0; index < signingKey.length; index++) {
      inner[index] = inner[index]! ^ signingKey[index]!;
      outer[index] = outer[index]! ^ signingKey[index]!;
    }
    this.#inner = inner;
    this.#digestOffset = inner.length - 64;
    this.#credentials = credentials;
    this.#day = day;
  }

  #canonicalPath(path: string): string {
    let canonical = this.#paths.get(path);
    if (canonical === undefined) {
      canonical = canonicalUri(path);
      if (this.#paths.size < MAX_CACHED_PATHS) this.#paths.set(path, canonical);
    }
    return canonical;
  }
}

/** A header value as SigV4 signs it: trimmed, inner runs of whitespace made one space. */
function canonicalValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
