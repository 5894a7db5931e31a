import type { AwsCredentials, CredentialProvider } from './credential-provider.js';

/** Start refreshing this long before the credentials expire (half the life of short-lived ones). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Never refresh sooner than this after a fetch, whatever the expiry says. */
const MIN_LIFETIME_MS = 30_000;
/** A set this close to expiry is not signed with: a request waits for the new one instead. */
const EXPIRY_GUARD_MS = 60_000;
/** After a failed refresh ahead of expiry, the next attempt waits this long (the old set still serves). */
const RETRY_AFTER_FAILURE_MS = 10_000;

export interface RefreshingCredentialsOptions {
  /** Fetches a new set: STS, the container endpoint, instance metadata. Throws a GatewayError. */
  readonly fetch: () => Promise<AwsCredentials>;
  /** Clock, for tests of expiry without waiting. */
  readonly now?: () => number;
}

/**
 * Temporary credentials, cached: fetched on first use, refreshed in the background from five
 * minutes before they expire while the old set keeps signing, and awaited only when there is
 * no usable set (the first request, or one within a minute of expiry). Concurrent requests
 * share one fetch. A failed fetch is not cached: with no usable set the error reaches the
 * requests that waited; ahead of expiry it is retried ten seconds later.
 */
export class RefreshingCredentials implements CredentialProvider {
  readonly #fetch: () => Promise<AwsCredentials>;
  readonly #now: () => number;
  #current: AwsCredentials | undefined;
  #refreshAt = 0;
  #usableUntil = 0;
  #retryAt = 0;
  #pending: Promise<AwsCredentials> | undefined;

  constructor(options: RefreshingCredentialsOptions) {
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
  }

  get current(): AwsCredentials | undefined {
    return this.#current;
  }

  credentials(): AwsCredentials | Promise<AwsCredentials> {
    const current = this.#current;
    if (current !== undefined) {
      const now = this.#now();
      if (now < this.#refreshAt) return current;
      if (now < this.#usableUntil) {
        // Failures of a refresh ahead of time are retried later; the set in hand still signs.
        if (this.#pending === undefined && now >= this.#retryAt) this.#refresh().catch(() => {});
        return current;
      }
    }
    return this.#refresh();
  }

  #refresh(): Promise<AwsCredentials> {
    this.#pending ??= this.#fetch()
      .then(
        (credentials) => {
          this.#accept(credentials);
          return credentials;
        },
        (error: unknown) => {
          this.#retryAt = this.#now() + RETRY_AFTER_FAILURE_MS;
          throw error;
        },
      )
      .finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  #accept(credentials: AwsCredentials): void {
    const now = this.#now();
    const expiresAt = credentials.expiresAt;
    this.#current = credentials;
    if (expiresAt === undefined) {
      this.#refreshAt = this.#usableUntil = Number.POSITIVE_INFINITY;
      return;
    }
    const lifetime = expiresAt - now;
    this.#refreshAt = now + Math.max(lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2), Math.min(MIN_LIFETIME_MS, lifetime));
    this.#usableUntil = Math.max(this.#refreshAt, expiresAt - EXPIRY_GUARD_MS);
  }
}
