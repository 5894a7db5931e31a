import type { ApiError } from '../api.ts';

/** The gateway's own error message, with its code: what the API said, not a paraphrase. */
export function ErrorBox({ error, title }: { error: ApiError | undefined; title?: string }) {
  if (error === undefined) return null;
  return (
    <div class="alert alert-error" role="alert">
      <strong>{title ?? 'The gateway refused'}</strong>
      {error.status > 0 ? <span class="muted"> (HTTP {error.status}{error.code ? `, ${error.code}` : ''})</span> : null}
      <p class="alert-message">{error.message}</p>
    </div>
  );
}
