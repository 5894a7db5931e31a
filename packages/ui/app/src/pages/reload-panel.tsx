import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { dateTime } from '../format.ts';
import type { CapabilitiesStatus, ConfigReloadAnswer, ReloadAnswer } from './model-types.ts';

type Outcome =
  | { readonly kind: 'capabilities'; readonly answer: ReloadAnswer }
  | { readonly kind: 'config'; readonly answer: ConfigReloadAnswer }
  | { readonly kind: 'error'; readonly what: string; readonly error: ApiError };

/**
 * The "Reload Model Cost Map" button (`POST /reload/model_cost_map`) and, when the gateway runs
 * from a config file, "Reload config" (`POST /reload/config`): the field-level diff of what
 * changed, or the gateway's precise reason for refusing; the last reload and the schedule.
 */
export function ReloadPanel({ status, statusError, onReloaded }: { status: CapabilitiesStatus | undefined; statusError: ApiError | undefined; onReloaded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const run = async (what: 'capabilities' | 'config') => {
    setBusy(true);
    try {
      if (what === 'capabilities') setOutcome({ kind: 'capabilities', answer: await api<ReloadAnswer>('/reload/model_cost_map', { method: 'POST', body: {} }) });
      else setOutcome({ kind: 'config', answer: await api<ConfigReloadAnswer>('/reload/config', { method: 'POST', body: {} }) });
    } catch (error) {
      if (error instanceof ApiError) setOutcome({ kind: 'error', what: what === 'capabilities' ? 'Model cost map reload refused' : 'Config reload refused', error });
    } finally {
      setBusy(false);
      onReloaded();
    }
  };
  const last = status?.last_reload;
  return (
    <div class="card reload-panel" aria-live="polite">
      <div class="reload-actions">
        <button type="button" class="button-primary" disabled={busy} onClick={() => run('capabilities')}>
          Reload Model Cost Map
        </button>
        {status?.config_reload_available ? (
          <button type="button" disabled={busy} onClick={() => run('config')}>
            Reload config
          </button>
        ) : null}
        {busy ? <span class="muted">Reloading…</span> : null}
      </div>
      <ErrorBox error={statusError} />
      {status === undefined ? null : (
        <dl class="facts" id="reload-status">
          <div>
            <dt>Snapshot</dt>
            <dd>
              v{status.version}, built {dateTime(status.snapshot_created_at)} · {status.models} models known
            </dd>
          </div>
          <div>
            <dt>Sources</dt>
            <dd>{status.sources.join(', ')}</dd>
          </div>
          <div>
            <dt>Last reload</dt>
            <dd data-testid="last-reload">
              {last === null || last === undefined
                ? 'none since start'
                : `${dateTime(last.at)} — ${last.ok ? `${last.added ?? 0} added, ${last.removed ?? 0} removed, ${last.changed ?? 0} changed` : `refused: ${last.error?.message ?? ''}`}`}
            </dd>
          </div>
          <div>
            <dt>Schedule</dt>
            <dd>
              {status.reload_interval_seconds === null ? 'no periodic reload' : `every ${status.reload_interval_seconds} s${status.next_reload_after ? `, next after ${dateTime(status.next_reload_after)}` : ''}`}
              {status.watched_files.length > 0 ? ` · watching ${status.watched_files.join(', ')}` : ''}
            </dd>
          </div>
        </dl>
      )}
      {outcome === undefined ? null : <OutcomeView outcome={outcome} />}
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'error') return <ErrorBox error={outcome.error} title={outcome.what} />;
  if (outcome.kind === 'config') {
    const { added, removed, changed } = outcome.answer.deployments;
    return (
      <div class="alert alert-ok diff" role="status">
        <strong>{outcome.answer.message}</strong>
        <DiffList title="Added deployments" items={added} />
        <DiffList title="Removed deployments" items={removed} />
        <DiffList title="Changed deployments" items={changed} />
      </div>
    );
  }
  const { added, removed, changed, changes } = outcome.answer.models;
  return (
    <div class="alert alert-ok diff" role="status" id="reload-diff">
      <strong>{outcome.answer.message}</strong> <span class="muted">({outcome.answer.duration_ms} ms, snapshot v{outcome.answer.version})</span>
      <DiffList title="Added" items={added} />
      <DiffList title="Removed" items={removed} />
      {changed.length === 0 ? null : (
        <details open={changed.length <= 10}>
          <summary>Changed ({changed.length})</summary>
          <ul class="diff-changes">
            {changed.map((model) => (
              <li key={model}>
                <code>{model}</code>
                <ul>
                  {(changes[model] ?? []).map((line) => (
                    <li key={line} class="diff-line">
                      {line}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function DiffList({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <details open={items.length <= 10}>
      <summary>
        {title} ({items.length})
      </summary>
      <p class="small">{items.join(', ')}</p>
    </details>
  );
}
