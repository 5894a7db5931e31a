import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { ErrorBox } from './error-box.tsx';

/**
 * Sign-in with the master key or an admin virtual key. The key is checked by calling the
 * management API with it (`GET /capabilities/status`), the same way every page then uses it.
 */
export function Login({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const entered = key.trim();
    if (entered === '') return;
    setBusy(true);
    try {
      await api('/capabilities/status', { key: entered });
      onSignedIn(entered);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), null, null));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit}>
        <h1>Switchyard admin</h1>
        <p class="muted">Sign in with the gateway's master key or an admin virtual key. It is kept in this tab only.</p>
        <label for="admin-key">API key</label>
        <input id="admin-key" name="key" type="password" autoComplete="off" autoFocus value={key} onInput={(event) => setKey((event.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <ErrorBox error={error} title="Sign-in refused" />
      </form>
    </main>
  );
}
