import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { count, dateTime, usd } from '../format.ts';
import { loadLogs, type LogFilters, type LogPage, type LogRow } from './spend-api.ts';

/** The spend log, newest first, a page at a time by cursor (never by offset), with filters and a detail view. */
export function LogsPage() {
  const [draft, setDraft] = useState<LogFilters>({});
  const [filters, setFilters] = useState<LogFilters>({});
  // The cursors of the pages before this one, so "Newer" goes back without an offset.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<LogPage | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [selected, setSelected] = useState<LogRow | undefined>(undefined);
  const cursor = cursors.at(-1);
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    loadLogs(filters, cursor, controller.signal)
      .then(setPage)
      .catch((reason: unknown) => {
        if ((reason as Error).name !== 'AbortError') setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), null, null));
      });
    return () => controller.abort();
  }, [filters, cursor]);
  const apply = (event: Event) => {
    event.preventDefault();
    setFilters({ ...draft });
    setCursors([undefined]);
    setSelected(undefined);
  };
  const input = (name: keyof LogFilters, label: string, type = 'text', placeholder?: string) => (
    <label>
      {label}
      <input name={name} type={type} placeholder={placeholder} value={draft[name] ?? ''} onInput={(event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value || undefined })} />
    </label>
  );
  return (
    <section aria-labelledby="logs-title">
      <div class="page-head">
        <h1 id="logs-title">Logs</h1>
        <span class="muted">spend log, newest first</span>
      </div>
      <form class="filters" onSubmit={apply} role="search">
        {input('key', 'Key (hash or sk-…)')}
        {input('model', 'Model')}
        <label>
          Status
          <select name="status" value={draft.status ?? ''} onChange={(event) => setDraft({ ...draft, status: (event.currentTarget as HTMLSelectElement).value || undefined })}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="error">Error</option>
            <option value="aborted">Aborted</option>
          </select>
        </label>
        {input('from', 'From', 'date')}
        {input('to', 'To', 'date')}
        {input('requestId', 'Request id')}
        <button type="submit" class="button-primary">
          Apply
        </button>
      </form>
      <ErrorBox error={error} />
      <div class="table-wrap">
        <table class="data" id="logs-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Request</th>
              <th scope="col">Key</th>
              <th scope="col">Model</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">Tokens in / out</th>
              <th scope="col" class="num">Cost</th>
              <th scope="col" class="num">Duration</th>
            </tr>
          </thead>
          <tbody>
            {(page?.rows ?? []).map((row) => (
              <tr key={row.requestId} data-request-id={row.requestId} aria-selected={selected?.requestId === row.requestId}>
                <td class="small nowrap">{dateTime(row.startedAt)}</td>
                <td>
                  <button type="button" class="button-quiet" onClick={() => setSelected(row)} aria-label={`Details of ${row.requestId}`}>
                    <code>{row.requestId}</code>
                  </button>
                </td>
                <td class="small">{row.keyAlias ?? (row.keyHash ? `${row.keyHash.slice(0, 10)}…` : 'master key')}</td>
                <td>{row.model ?? '—'}</td>
                <td>{statusBadge(row)}</td>
                <td class="num">
                  {count(row.inputTokens)} / {count(row.outputTokens)}
                </td>
                <td class="num" data-cost>{row.cost === null ? '—' : usd(row.cost)}</td>
                <td class="num">{row.durationMs === null ? '—' : `${Math.round(row.durationMs)} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page !== undefined && page.rows.length === 0 ? <p class="empty">No spend log rows match.</p> : null}
        <div class="pager">
          <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
          <span class="muted">Page {cursors.length}</span>
          <button type="button" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}>
            Older
          </button>
        </div>
      </div>
      {selected === undefined ? null : <LogDetail row={selected} onClose={() => setSelected(undefined)} />}
    </section>
  );
}

function statusBadge(row: LogRow) {
  const ok = row.outcome === 'success' || (row.status !== null && row.status < 400);
  return <span class={`badge ${ok ? 'badge-ok' : 'badge-bad'}`}>{row.status ?? row.outcome ?? '—'}{row.errorCode ? ` ${row.errorCode}` : ''}</span>;
}

function LogDetail({ row, onClose }: { row: LogRow; onClose: () => void }) {
  return (
    <aside class="card detail-card" aria-labelledby="log-detail-title" id="log-detail">
      <div class="page-head">
        <h2 id="log-detail-title">
          Request <code>{row.requestId}</code>
        </h2>
        <button type="button" class="spacer" onClick={onClose}>
          Close
        </button>
      </div>
      <dl class="detail">
        <dt>Started / ended</dt>
        <dd>
          {dateTime(row.startedAt)} → {dateTime(row.endedAt)}
        </dd>
        <dt>Duration</dt>
        <dd>{row.durationMs === null ? '—' : `${row.durationMs} ms`}</dd>
        <dt>Model group / deployment</dt>
        <dd>
          {row.model ?? '—'} / <code>{row.deployment ?? '—'}</code> ({row.provider ?? '—'})
        </dd>
        <dt>Endpoint</dt>
        <dd>{row.endpoint ?? '—'}</dd>
        <dt>Status</dt>
        <dd>
          {row.status ?? '—'} {row.outcome ?? ''} {row.errorCode ?? ''}
        </dd>
        <dt>Key / team</dt>
        <dd>
          {row.keyAlias ?? '—'} <code>{row.keyHash ?? 'master key'}</code> / {row.teamId ?? '—'}
        </dd>
        <dt>Tokens</dt>
        <dd>
          {count(row.inputTokens)} in ({count(row.cachedInputTokens)} cached) · {count(row.outputTokens)} out ({count(row.reasoningTokens)} reasoning)
        </dd>
        <dt>Cost</dt>
        <dd data-detail="cost">{row.cost === null ? 'not priced' : `$${row.cost}`}</dd>
        <dt>Attempts</dt>
        <dd>{row.attempts === undefined ? '—' : <code>{JSON.stringify(row.attempts)}</code>}</dd>
      </dl>
    </aside>
  );
}
