import { GatewayError, type Redactor } from '@switchyard/core';
import type { Dispatcher } from 'undici';

export interface ClientCredentials {
  /** `https://login.microsoftonline.com` (Azure public cloud) or the sovereign cloud's authority. */
  readonly authority: URL;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://cognitiveservices.azure.com/.default`. */
  readonly scope: string;
  readonly dispatcher: Dispatcher;
  readonly redactor: Redactor;
  /** For messages: `model "chat" at https://res.openai.azure.com`. */
  readonly label: string;
}

/** Refresh this long before expiry, so no request goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Never wait less than this between two token requests, whatever expires_in says. */
const MIN_LIFETIME_MS = 30_000;
const TOKEN_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Microsoft Entra ID client-credentials tokens for one deployment: fetched on first use from
 * `{authority}/{tenant}/oauth2/v2.0/token`, kept until `REFRESH_MARGIN_MS` before they expire
 * (or half their life, for short-lived ones), then fetched again. Concurrent requests share one
 * fetch; a failed fetch is not cached, so the next request tries again.
 */
export class EntraTokenSource {
  readonly #credentials: ClientCredentials;
  readonly #path: string;
  readonly #form: string;
  #token: string | undefined;
  #refreshAt = 0;
  #expiresAt = 0;
  #pending: Promise<string> | undefined;
  /** Clock, for tests of expiry without waiting. */
  now: () => number = Date.now;

  constructor(credentials: ClientCredentials) {
    this.#credentials = credentials;
    const base = credentials.authority.pathname.replace(/\/+$/, '');
    this.#path = `${base}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
    this.#form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: credentials.scope,
    }).toString();
  }

  /** A valid access token: the cached one on the hot path (one comparison), else a fresh one. */
  token(): Promise<string> | string {
    if (this.#token !== undefined && this.now() < this.#refreshAt) return this.#token;
    this.#pending ??= this.#fetch().finally(() => (this.#pending = undefined));
    const current = this.#token;
    // A refresh ahead of expiry that fails leaves the old token in service until it really expires.
    if (current !== undefined && this.now() < this.#expiresAt) {
      return this.#pending.catch((error: unknown) => {
        if (this.now() < this.#expiresAt) return current;
        throw error;
      });
    }
    return this.#pending;
  }

  async #fetch(): Promise<string> {
    const { authority, dispatcher, redactor, label } = this.#credentials;
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request({
        origin: authority.origin,
        path: this.#path,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: this.#form,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
    } catch (error) {
      throw new GatewayError('upstream_auth_failed', `Could not reach the Entra ID token endpoint at ${authority.origin} for ${label}.`, { cause: error });
    }
    const text = await readText(response.body);
    const body = parseObject(text);
    if (response.statusCode !== 200 || typeof body?.access_token !== 'string') {
      // AADSTS messages name the tenant and client, never the secret; redacted anyway.
      const detail = typeof body?.error_description === 'string' ? `: ${redactor.text(body.error_description.split('\n')[0] ?? '').slice(0, 300)}` : '';
      const code = typeof body?.error === 'string' ? ` (${redactor.text(body.error).slice(0, 60)})` : '';
      throw new GatewayError(
        'upstream_auth_failed',
        `The Entra ID token endpoint at ${authority.origin} refused the client credentials of ${label} with HTTP ${response.statusCode}${code}${detail}. Check litellm_params.tenant_id, client_id and client_secret.`,
      );
    }
    const lifetimeMs = Math.max(Number(body.expires_in) * 1000 || 0, 0);
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.#token = body.access_token;
    this.#expiresAt = this.now() + lifetimeMs;
    this.#refreshAt = this.now() + Math.max(lifetimeMs - margin, Math.min(MIN_LIFETIME_MS, lifetimeMs));
    return body.access_token;
  }
}

async function readText(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > TOKEN_BODY_LIMIT_BYTES) break;
    }
  } catch {
    // A body cut short leaves the status to report.
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
