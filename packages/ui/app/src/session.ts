/**
 * The key the user signed in with. It lives in sessionStorage — this tab only, gone when the tab
 * closes, never a cookie (so no other path of the host's site is sent it) — and is only ever
 * put in the Authorization header of the gateway's own API calls.
 */
const STORAGE_NAME = 'switchyard.admin.key';

let current: string | undefined = read();

function read(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_NAME) ?? undefined;
  } catch {
    return undefined; // storage blocked: the key stays in memory only
  }
}

export function sessionKey(): string | undefined {
  return current;
}

export function signIn(key: string): void {
  current = key;
  try {
    sessionStorage.setItem(STORAGE_NAME, key);
  } catch {
    // memory only
  }
}

export function signOut(): void {
  current = undefined;
  try {
    sessionStorage.removeItem(STORAGE_NAME);
  } catch {
    // nothing stored
  }
}
