import { createSign } from 'node:crypto';
import { GatewayError, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';

/** The fields of a Google service-account key file this plugin uses. */
export interface ServiceAccount {
  readonly client_email: string;
  readonly private_key: string;
  readonly token_uri: string;
  readonly project_id?: string;
}

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const REFRESH_MARGIN_MS = 5 * 60_000;
const ASSERTION_LIFETIME_S = 3600;
const TOKEN_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * OAuth access tokens for a service account (RFC 7523 JWT bearer grant): a JWT signed RS256
 * with the account's private key, exchanged at its `token_uri`. Cached until five minutes
 * before expiry (half the life of short ones); concurrent requests share one exchange; a
 * failed exchange is not cached, and the old token stays in service until it really expires.
 */
export class GoogleTokenSource {
  readonly #account: ServiceAccount;
  readonly #tokenUrl: URL;
  readonly #dispatcherFor: (origin: string) => Dispatcher;
  readonly #redactor: Redactor;
  readonly #label: string;
  #token: string | undefined;
  #refreshAt = 0;
  #expiresAt = 0;
  #pending: Promise<string> | undefined;
  now: () => number = Date.now;

  constructor(account: ServiceAccount, options: { dispatcherFor: (origin: string) => Dispatcher; redactor: Redactor; label: string }) {
    this.#account = account;
    this.#tokenUrl = new URL(account.token_uri);
    this.#dispatcherFor = options.dispatcherFor;
    this.#redactor = options.redactor;
    this.#label = options.label;
  }

  token(): Promise<string> | string {
    if (this.#token !== undefined && this.now() < this.#refreshAt) return this.#token;
    this.#pending ??= this.#exchange().finally(() => (this.#pending = undefined));
    const current = this.#token;
    if (current !== undefined && this.now() < this.#expiresAt) {
      return this.#pending.catch((error: unknown) => {
        if (this.now() < this.#expiresAt) return current;
        throw error;
      });
    }
    return this.#pending;
  }

  /** The signed assertion: `{alg: RS256, typ: JWT}.{iss, scope, aud, iat, exp}`. */
  assertion(): string {
    const iat = Math.floor(this.now() / 1000);
    const header = base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const claims = base64Url(JSON.stringify({ iss: this.#account.client_email, scope: CLOUD_PLATFORM_SCOPE, aud: this.#account.token_uri, iat, exp: iat + ASSERTION_LIFETIME_S }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(this.#account.private_key).toString('base64url');
    return `${header}.${claims}.${signature}`;
  }

  async #exchange(): Promise<string> {
    const url = this.#tokenUrl;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatcherFor(url.origin).request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.assertion() }).toString(),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
    } catch (error) {
      throw new GatewayError('upstream_auth_failed', `Could not reach the Google token endpoint at ${url.origin} for ${this.#label}.`, { cause: error });
    }
    const body = await readObject(response.body);
    if (response.statusCode !== 200 || typeof body?.access_token !== 'string') {
      const detail = typeof body?.error_description === 'string' ? `: ${this.#redactor.text(body.error_description).slice(0, 300)}` : '';
      const code = typeof body?.error === 'string' ? ` (${this.#redactor.text(body.error).slice(0, 60)})` : '';
      throw new GatewayError(
        'upstream_auth_failed',
        `The Google token endpoint at ${url.origin} refused the service account of ${this.#label} with HTTP ${response.statusCode}${code}${detail}. Check litellm_params.vertex_credentials.`,
      );
    }
    const lifetimeMs = Math.max(Number(body.expires_in) * 1000 || 0, 0);
    this.#token = body.access_token;
    this.#expiresAt = this.now() + lifetimeMs;
    this.#refreshAt = this.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    return body.access_token;
  }
}

function base64Url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

async function readObject(body: Dispatcher.ResponseData['body']): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > TOKEN_BODY_LIMIT_BYTES) break;
    }
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
