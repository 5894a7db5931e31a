import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { count, dateTime, usd } from '../format.ts';
import { LogAttempts } from './log-attempts.tsx';
import { loadLogs, type LogFilters, type LogPage, type LogRow } from './spend-api.ts';

/** The spend log, newest first, a page at a time by cursor (never by offset), with filters and a detail view. */
export function LogsPage() {
  const [draft, setDraft] = useState<LogFilters>({});
  const [filters, setFilters] = useState<LogFilters>({});
  // The cursors of the pages up to this one, so "Newer" goes back without an offset.
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
  const input = (name: Exclude<keyof LogFilters, 'status'>, label: string, type = 'text') => (
    <label>
      {label}
      <input name={name} type={type} value={draft[name] ?? ''} onInput={(event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value || undefined })} />
    </label>
  );
  const rows = page?.data ?? [];
  return (
    <section aria-labelledby="logs-title">
      <div class="page-head">
        <h1 id="logs-title">Logs</h1>
        <span class="muted">the spend log, newest first</span>
      </div>
      <form class="filters" onSubmit={apply} role="search">
        {input('key', 'Key (sk-… or its hash)')}
        {input('model', 'Model')}
        {input('team', 'Team id')}
        {input('from', 'From', 'date')}
        {input('to', 'To', 'date')}
        {input('requestId', 'Request id')}
        <label>
          Status
          <select
            name="status"
            value={draft.status ?? ''}
            onChange={(event) => setDraft({ ...draft, status: ((event.currentTarget as HTMLSelectElement).value || undefined) as LogFilters['status'] })}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure (error or aborted)</option>
          </select>
        </label>
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
            {rows.map((row) => (
              <tr key={row.request_id} data-request-id={row.request_id} aria-selected={selected?.request_id === row.request_id}>
                <td class="small nowrap">{dateTime(row.startTime)}</td>
                <td>
                  <button type="button" class="button-quiet" onClick={() => setSelected(row)} aria-label={`Details of ${row.request_id}`}>
                    <code>{row.request_id}</code>
                  </button>
                </td>
                <td class="small">{row.key_alias ?? (row.api_key ? `${row.api_key.slice(0, 10)}…` : 'master key')}</td>
                <td>{row.model ?? '—'}</td>
                <td>{statusBadge(row)}</td>
                <td class="num">
                  {count(row.prompt_tokens)} / {count(row.completion_tokens)}
                </td>
                <td class="num" data-cost>
                  {row.spend_exact === null ? '—' : usd(row.spend)}
                </td>
                <td class="num">{Math.round(row.duration_ms)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page !== undefined && rows.length === 0 ? <p class="empty">No spend log rows match.</p> : null}
        <div class="pager">
          <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
          <span class="muted">Page {cursors.length}</span>
          <button type="button" disabled={!page?.next_cursor} onClick={() => page?.next_cursor && setCursors([...cursors, page.next_cursor])}>
            Older
          </button>
        </div>
      </div>
      {selected === undefined ? null : <LogDetail row={selected} onClose={() => setSelected(undefined)} />}
    </section>
  );
}

function statusBadge(row: LogRow) {
  return (
    <span class={`badge ${row.outcome === 'success' ? 'badge-ok' : 'badge-bad'}`}>
      {row.http_status}
      {row.error_code ? ` ${row.error_code}` : ''}
    </span>
  );
}

function LogDetail({ row, onClose }: { row: LogRow; onClose: () => void }) {
  return (
    <aside class="card detail-card" aria-labelledby="log-detail-title" id="log-detail">
      <div class="page-head">
        <h2 id="log-detail-title">
          Request <code>{row.request_id}</code>
        </h2>
        <button type="button" class="spacer" onClick={onClose}>
          Close
        </button>
      </div>
      <dl class="detail">
        <dt>Started → ended</dt>
        <dd>
          {dateTime(row.startTime)} → {dateTime(row.endTime)}
        </dd>
        <dt>Duration</dt>
        <dd>{row.duration_ms} ms</dd>
        <dt>Model group</dt>
        <dd>{row.model ?? '—'}</dd>
        <dt>Deployment</dt>
        <dd>
          <code>{row.model_id ?? '—'}</code> ({row.custom_llm_provider ?? '—'})
        </dd>
        <dt>Endpoint</dt>
        <dd>{row.call_type}</dd>
        <dt>Status</dt>
        <dd>
          {row.http_status} {row.outcome}
          {row.error_code ? ` (${row.error_code})` : ''}
        </dd>
        <dt>Key</dt>
        <dd>
          {row.key_alias ?? '—'} <code>{row.api_key ?? 'master key'}</code>
        </dd>
        <dt>Team / user</dt>
        <dd>
          {row.team_id ?? '—'} / {row.user ?? '—'}
        </dd>
        <dt>Tokens</dt>
        <dd>
          {count(row.prompt_tokens)} in ({count(row.cached_tokens)} cached, {count(row.cache_write_tokens)} cache writes) · {count(row.completion_tokens)} out ({count(row.reasoning_tokens)} reasoning)
        </dd>
        <dt>Cost</dt>
        <dd data-detail="cost">{row.spend_exact === null ? 'not priced' : `$${row.spend_exact}`}</dd>
        <dt>Tags</dt>
        <dd>{row.request_tags.length === 0 ? '—' : row.request_tags.join(', ')}</dd>
      </dl>
      <LogAttempts row={row} />
    </aside>
  );
}
