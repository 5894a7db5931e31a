import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { BedrockAuth } from './aws-credentials.js';

/** Builds the headers of one Bedrock request: signed per request (SigV4) or fixed (a bearer key). */
export interface RequestSigner {
  headers(path: string, body: string): Promise<Readonly<Record<string, string>>> | Readonly<Record<string, string>>;
}

export interface SignerOptions {
  readonly auth: BedrockAuth;
  readonly region: string;
  /** The upstream's URL: its host is signed, as the `host` header undici sends. */
  readonly base: URL;
}

/**
 * SigV4 with `@smithy/signature-v4` (the AWS SDK's own signer; service `bedrock`, the
 * deployment's region), node:crypto for SHA-256. The signing key is derived once per day and
 * cached by the signer; per request it hashes the body and signs the canonical request, which
 * covers `host`, `content-type`, `x-amz-date` and, with temporary credentials, `x-amz-security-token`.
 */
export function createRequestSigner(options: SignerOptions): RequestSigner {
  const { auth } = options;
  if (auth.kind === 'bearer') {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${auth.token}` };
    return { headers: () => headers };
  }
  const signer = new SignatureV4({
    service: 'bedrock',
    region: options.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, ...(auth.sessionToken === undefined ? {} : { sessionToken: auth.sessionToken }) },
    sha256: Hash.bind(null, 'sha256'),
  });
  const { protocol, hostname, host } = options.base;
  const port = options.base.port === '' ? undefined : Number(options.base.port);
  return {
    async headers(path, body) {
      const signed = await signer.sign({
        method: 'POST',
        protocol,
        hostname,
        ...(port === undefined ? {} : { port }),
        path,
        query: {},
        headers: { host, 'content-type': 'application/json' },
        body,
      });
      return signed.headers;
    },
  };
}
