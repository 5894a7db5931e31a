import { hash, randomBytes } from 'node:crypto';

/** A new virtual key: `sk-` and 32 random bytes, base64url (256 bits, as unguessable as it gets). */
export function generateKey(): string {
  return `sk-${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of the key as lowercase hex, as LiteLLM stores it (`token`): a leaked table grants nothing. */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** A display form that gives nothing away: `sk-...wxyz` (LiteLLM's `key_name`). */
export function displayKeyName(key: string): string {
  return `sk-...${key.slice(-4)}`;
}

/** A value given as a key's id in the management API: a plaintext `sk-…` key, or already its hash. */
export function toKeyHash(value: string): string {
  return /^[0-9a-f]{64}$/.test(value) ? value : hashKey(value);
}
