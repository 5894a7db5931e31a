import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { count, dateTime, usd } from '../format.ts';
import { useApi } from '../use-api.ts';
import { KeyForm } from './key-form.tsx';
import type { GeneratedKey, KeyFields, KeyInfo, KeyList } from './key-types.ts';

const PAGE_SIZE = 50;

/** Virtual keys through LiteLLM's management API: list, create, edit, block, regenerate, delete. */
export function KeysPage() {
  const [page, setPage] = useState(1);
  const keys = useApi<KeyList>('/key/list', { query: { return_full_object: 'true', page, size: PAGE_SIZE } });
  const [secret, setSecret] = useState<{ key: string; what: string } | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<KeyInfo | undefined>(undefined);
  const createDialog = useRef<HTMLDialogElement>(null);
  const editDialog = useRef<HTMLDialogElement>(null);

  const act = async (what: string, call: () => Promise<unknown>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await call();
      setNotice(what);
    } catch (reason) {
      if (reason instanceof ApiError) setError(reason);
    } finally {
      keys.reload();
    }
  };
  const create = (fields: KeyFields) => {
    createDialog.current?.close();
    void act('Key created.', async () => {
      const created = await api<GeneratedKey>('/key/generate', { method: 'POST', body: fields });
      setSecret({ key: created.key, what: `New key ${created.key_alias ?? ''}`.trim() });
    });
  };
  const update = (key: KeyInfo, fields: KeyFields) => {
    editDialog.current?.close();
    setEditing(undefined);
    void act(`Key ${label(key)} updated.`, () => api('/key/update', { method: 'POST', body: { key: key.token, ...fields } }));
  };
  const regenerate = (key: KeyInfo) =>
    act(`Key ${label(key)} regenerated; the old key no longer works.`, async () => {
      const created = await api<GeneratedKey>('/key/regenerate', { method: 'POST', body: { key: key.token } });
      setSecret({ key: created.key, what: `Regenerated key ${label(key)}` });
    });

  const rows = (keys.data?.keys ?? []).filter((key): key is KeyInfo => typeof key === 'object' && key !== null);
  const totalPages = keys.data?.total_pages ?? 1;
  return (
    <section aria-labelledby="keys-title">
      <div class="page-head">
        <h1 id="keys-title">Keys</h1>
        <span class="muted">{keys.data?.total_count === undefined ? '' : `${count(keys.data.total_count)} ${keys.data.total_count === 1 ? 'key' : 'keys'}`}</span>
        <button type="button" class="button-primary spacer" onClick={() => createDialog.current?.showModal()}>
          Create key
        </button>
      </div>
      {secret === undefined ? null : (
        <div class="alert alert-ok" role="status" id="new-key">
          <strong>{secret.what}: copy it now — it is shown only this once.</strong>
          <div class="secret">
            <code id="new-key-value">{secret.key}</code>
            <CopyButton text={secret.key} targetId="new-key-value" />
            <button type="button" class="button-quiet" onClick={() => setSecret(undefined)}>
              Done
            </button>
          </div>
        </div>
      )}
      {notice === undefined ? null : (
        <p class="muted" role="status">
          {notice}
        </p>
      )}
      <ErrorBox error={error ?? keys.error} />
      <div class="table-wrap">
        <table class="data" id="keys-table">
          <thead>
            <tr>
              <th scope="col">Alias</th>
              <th scope="col">Key</th>
              <th scope="col">Team</th>
              <th scope="col">Models</th>
              <th scope="col" class="num">Spend / budget</th>
              <th scope="col">Limits</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((key) => (
              <tr key={key.token} data-key-alias={key.key_alias ?? ''}>
                <th scope="row">{key.key_alias ?? <span class="muted">—</span>}</th>
                <td>
                  <code>{key.key_name ?? `${key.token.slice(0, 8)}…`}</code>
                </td>
                <td>{key.team_id ?? <span class="muted">—</span>}</td>
                <td class="small">{key.models === undefined || key.models.length === 0 ? <span class="muted">all</span> : key.models.join(', ')}</td>
                <td class="num">
                  {usd(key.spend ?? 0)} / {key.max_budget === null || key.max_budget === undefined ? '∞' : usd(key.max_budget)}
                  {key.budget_duration ? <div class="muted small">resets every {key.budget_duration}</div> : null}
                </td>
                <td class="small">{limits(key)}</td>
                <td class="small">{key.expires ? dateTime(key.expires) : <span class="muted">never</span>}</td>
                <td>{key.blocked ? <span class="badge badge-bad">blocked</span> : <span class="badge badge-ok">active</span>}</td>
                <td>
                  <div class="actions">
                    <button
                      type="button"
                      onClick={() => {
                        setEditing(key);
                        editDialog.current?.showModal();
                      }}
                    >
                      Edit
                    </button>
                    {key.blocked ? (
                      <button type="button" onClick={() => act(`Key ${label(key)} unblocked.`, () => api('/key/unblock', { method: 'POST', body: { key: key.token } }))}>
                        Unblock
                      </button>
                    ) : (
                      <button type="button" onClick={() => act(`Key ${label(key)} blocked.`, () => api('/key/block', { method: 'POST', body: { key: key.token } }))}>
                        Block
                      </button>
                    )}
                    <ConfirmButton label="Regenerate" question={`Regenerate ${label(key)}? The current key stops working at once.`} confirmLabel="Regenerate" onConfirm={() => void regenerate(key)} />
                    <ConfirmButton
                      label="Delete"
                      question={`Delete ${label(key)}? Requests with it are refused from now on; this cannot be undone.`}
                      confirmLabel="Delete key"
                      onConfirm={() => void act(`Key ${label(key)} deleted.`, () => api('/key/delete', { method: 'POST', body: { keys: [key.token] } }))}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {keys.data !== undefined && rows.length === 0 ? <p class="empty">No keys yet.</p> : null}
        {totalPages > 1 ? (
          <div class="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page} of {totalPages}
            </span>
            <button type="button" disabled={page >= totalPages} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </div>
        ) : null}
      </div>
      <dialog ref={createDialog} class="card dialog" aria-labelledby="create-key-title">
        <h2 id="create-key-title">Create key</h2>
        <KeyForm creating submitLabel="Create key" onSubmit={create} onCancel={() => createDialog.current?.close()} />
      </dialog>
      <dialog ref={editDialog} class="card dialog" aria-labelledby="edit-key-title" onClose={() => setEditing(undefined)}>
        <h2 id="edit-key-title">Edit {editing === undefined ? 'key' : label(editing)}</h2>
        {editing === undefined ? null : <KeyForm key={editing.token} initial={editing} creating={false} submitLabel="Save" onSubmit={(fields) => update(editing, fields)} onCancel={() => editDialog.current?.close()} />}
      </dialog>
    </section>
  );
}

function label(key: KeyInfo): string {
  return key.key_alias ?? key.key_name ?? `${key.token.slice(0, 8)}…`;
}

function limits(key: KeyInfo): string {
  const parts = [
    key.tpm_limit == null ? undefined : `${count(key.tpm_limit)} tpm`,
    key.rpm_limit == null ? undefined : `${count(key.rpm_limit)} rpm`,
    key.max_parallel_requests == null ? undefined : `${count(key.max_parallel_requests)} parallel`,
  ].filter(Boolean);
  return parts.length === 0 ? '—' : parts.join(' · ');
}
