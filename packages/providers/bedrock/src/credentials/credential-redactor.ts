import { createRedactor, type Redactor } from '@switchyard/core';
import type { CredentialProvider } from './credential-provider.js';

/**
 * A redactor that knows the deployment's fixed secrets and, for credentials that are fetched
 * and refreshed, the secret and session token in service now: rebuilt when the provider's set
 * changes (it is read on the error paths, so a rebuild after a refresh costs once).
 */
export function credentialRedactor(secrets: readonly (string | undefined)[], provider: CredentialProvider): Redactor {
  let seen = provider.current;
  let redactor = build();
  function build(): Redactor {
    return createRedactor({ secrets: [...secrets, seen?.secretAccessKey, seen?.sessionToken] });
  }
  const current = (): Redactor => {
    if (provider.current !== seen) {
      seen = provider.current;
      redactor = build();
    }
    return redactor;
  };
  return { text: (value) => current().text(value), deep: (value) => current().deep(value) };
}
