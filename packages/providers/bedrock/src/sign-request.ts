import type { BedrockAuth } from './aws-credentials.js';
import { SigV4Signer } from './sigv4/sigv4-signer.js';

type Headers = Readonly<Record<string, string>>;

/** Builds the headers of one Bedrock request: signed per request (SigV4) or fixed (a bearer key). */
export interface RequestSigner {
  /** A Promise only while credentials are being fetched or refreshed; the headers themselves otherwise. */
  headers(path: string, body: string): Headers | Promise<Headers>;
}

export interface SignerOptions {
  readonly auth: BedrockAuth;
  readonly region: string;
  /** The upstream's URL: its host is signed, and sent as the `host` header. */
  readonly base: URL;
}

/**
 * SigV4 (service `bedrock`, the deployment's region) with the plugin's own signer
 * (src/sigv4/sigv4-signer.ts), not a library. Issue 12 budgets the Bedrock plugin at 1.3× the
 * OpenAI plugin's CPU per chat request, and both well-kept libraries measured over it: with `aws4`
 * (which signed here before; 31 µs CPU per signature alone, 30–40 µs inside the gateway: URL and
 * path parsing, date formatting, header sorting, many temporary objects, a new Hmac per call) the
 * plugin ran 1.6–1.9× the OpenAI plugin; `@smithy/signature-v4` (the AWS SDK's) costs 64 µs (async,
 * Uint8Array conversions, a hash object per digest). The signer works out what is fixed per
 * deployment once and per request makes four one-shot SHA-256 calls (body, canonical request,
 * the two halves of the HMAC) and a few concatenations: 4.4 µs CPU alone. Both libraries stay as its
 * test oracles: its output is checked byte for byte against them on generated requests
 * (src/sigv4/sigv4-signer.test.ts). Numbers: docs/providers-bedrock.md, "Performance".
 *
 * The credentials are asked for per request: the cached set comes back synchronously, so a
 * static key (or a role's credentials between refreshes) signs without creating a Promise.
 */
export function createRequestSigner(options: SignerOptions): RequestSigner {
  const { auth } = options;
  if (auth.kind === 'bearer') {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${auth.token}` };
    return { headers: () => headers };
  }
  const provider = auth.credentials;
  const signer = new SigV4Signer({ host: options.base.host, region: options.region, service: 'bedrock', contentType: 'application/json' });
  return {
    headers(path, body) {
      const credentials = provider.credentials();
      if (credentials instanceof Promise) return credentials.then((resolved) => signer.sign(resolved, path, body));
      return signer.sign(credentials, path, body);
    },
  };
}
