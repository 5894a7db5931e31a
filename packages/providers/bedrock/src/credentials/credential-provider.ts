import type { SigningCredentials } from '../sigv4/sigv4-signer.js';

/** A set of AWS credentials; temporary ones say when they stop working. */
export interface AwsCredentials extends SigningCredentials {
  /** Expiry in ms since the epoch; undefined for long-term keys. */
  readonly expiresAt?: number | undefined;
}

/**
 * Where a deployment's AWS credentials come from. `credentials()` answers synchronously while
 * the cached set is good — the request path then allocates no Promise — and with a Promise only
 * while it fetches (the first time, or a refresh ahead of expiry).
 */
export interface CredentialProvider {
  credentials(): AwsCredentials | Promise<AwsCredentials>;
  /** The set last handed out, if any: what a redactor must know. */
  readonly current: AwsCredentials | undefined;
  /** True when the set never changes (keys from the config, the environment, a profile). */
  readonly fixed?: boolean;
}

/** Long-term keys (or a session the config spells out): always the same set, never a Promise. */
export function staticCredentials(credentials: AwsCredentials): CredentialProvider {
  return { credentials: () => credentials, current: credentials, fixed: true };
}
