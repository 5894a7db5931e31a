import type { KeyRecord, TeamRecord, UserRecord } from '../stores/key-store.js';

/** A virtual key with the team and user it belongs to, as the key cache holds them. */
export interface KeyPrincipal {
  readonly kind: 'key';
  readonly key: KeyRecord;
  readonly team: TeamRecord | undefined;
  readonly user: UserRecord | undefined;
}

/** Who is calling: the master key, or a virtual key. Undefined on an open gateway (no master key). */
export type Principal = { readonly kind: 'master'; readonly tokenHash: string } | KeyPrincipal;

/** The master key, and keys whose user is a `proxy_admin`, may use the management API. */
export function isAdmin(principal: Principal | undefined): boolean {
  if (principal === undefined) return false;
  return principal.kind === 'master' || principal.user?.userRole === 'proxy_admin';
}

export function principalHash(principal: Principal): string {
  return principal.kind === 'master' ? principal.tokenHash : principal.key.tokenHash;
}
