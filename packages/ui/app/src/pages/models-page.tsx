import { useMemo, useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box.tsx';
import { count, perMillion } from '../format.ts';
import { useApi } from '../use-api.ts';
import type { CapabilitiesStatus, ModelInfoEntry } from './model-types.ts';
import { ReloadPanel } from './reload-panel.tsx';

/** Every deployment with its limits, prices per 1M tokens, features and where its data came from. */
export function ModelsPage() {
  const models = useApi<{ data: ModelInfoEntry[] }>('/model/info');
  const status = useApi<CapabilitiesStatus>('/capabilities/status');
  const [search, setSearch] = useState('');
  const [provider, setProvider] = useState('');
  const [mode, setMode] = useState('');
  const rows = models.data?.data ?? [];
  const providers = useMemo(() => [...new Set(rows.map((row) => row.model_info.litellm_provider))].sort(), [rows]);
  const modes = useMemo(() => [...new Set(rows.map((row) => row.model_info.mode ?? 'unknown'))].sort(), [rows]);
  const shown = rows.filter((row) => {
    if (provider !== '' && row.model_info.litellm_provider !== provider) return false;
    if (mode !== '' && (row.model_info.mode ?? 'unknown') !== mode) return false;
    if (search === '') return true;
    const text = `${row.model_name} ${row.model_info.id} ${row.litellm_params.model} ${row.model_info.key ?? ''}`.toLowerCase();
    return text.includes(search.toLowerCase());
  });
  const refresh = () => {
    models.reload();
    status.reload();
  };
  return (
    <section aria-labelledby="models-title">
      <div class="page-head">
        <h1 id="models-title">Models</h1>
        <span class="muted">{count(rows.length)} deployments</span>
      </div>
      <ReloadPanel status={status.data} statusError={status.error} onReloaded={refresh} />
      <div class="filters" role="search">
        <label>
          Search
          <input type="search" placeholder="model, deployment id, upstream model" value={search} onInput={(event) => setSearch((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Provider
          <select value={provider} onChange={(event) => setProvider((event.currentTarget as HTMLSelectElement).value)}>
            <option value="">All</option>
            {providers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select value={mode} onChange={(event) => setMode((event.currentTarget as HTMLSelectElement).value)}>
            <option value="">All</option>
            {modes.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={models.error} />
      <div class="table-wrap">
        <table class="data" id="models-table">
          <thead>
            <tr>
              <th scope="col">Model group</th>
              <th scope="col">Deployment</th>
              <th scope="col">Mode</th>
              <th scope="col" class="num">Context in / out</th>
              <th scope="col" class="num">Input /1M</th>
              <th scope="col" class="num">Cached /1M</th>
              <th scope="col" class="num">Cache write /1M</th>
              <th scope="col" class="num">Output /1M</th>
              <th scope="col">Long context, service tiers</th>
              <th scope="col">Features</th>
              <th scope="col">reasoning_effort</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <ModelRow key={row.model_info.id} row={row} />
            ))}
          </tbody>
        </table>
        {models.data !== undefined && shown.length === 0 ? <p class="empty">No deployment matches.</p> : null}
        {models.loading && models.data === undefined ? <p class="empty">Loading…</p> : null}
      </div>
    </section>
  );
}

function ModelRow({ row }: { row: ModelInfoEntry }) {
  const info = row.model_info;
  const pricing = info.pricing;
  const features = Object.entries(info.features ?? {}).filter(([, on]) => on === true).map(([name]) => name);
  return (
    <tr data-deployment={info.id}>
      <th scope="row">{row.model_name}</th>
      <td>
        <code class="nowrap">{info.id}</code>
        <div class="muted small">{row.litellm_params.model}</div>
      </td>
      <td>{info.mode ?? <span class="muted">unknown</span>}</td>
      <td class="num">
        {count(info.max_input_tokens)} / {count(info.max_output_tokens)}
      </td>
      <td class="num" data-price="input">{perMillion(pricing?.input)}</td>
      <td class="num" data-price="cached_input">{perMillion(pricing?.cached_input)}</td>
      <td class="num" data-price="cache_write">{perMillion(pricing?.cache_write)}</td>
      <td class="num" data-price="output">{perMillion(pricing?.output)}</td>
      <td class="small">
        {(pricing?.tiers ?? []).map((tier) => (
          <div key={tier.above_input_tokens}>
            &gt;{count(tier.above_input_tokens)} in: {perMillion(tier.input)} / {perMillion(tier.output)}
          </div>
        ))}
        {Object.entries(pricing?.service_tiers ?? {}).map(([name, rates]) => (
          <div key={name}>
            {name}: {perMillion(rates.input)} / {perMillion(rates.output)}
          </div>
        ))}
      </td>
      <td>
        <ul class="chips">
          {features.map((name) => (
            <li key={name} class="chip">
              {name}
            </li>
          ))}
        </ul>
      </td>
      <td class="small">{info.reasoning_effort?.values?.join(', ') ?? <span class="muted">—</span>}</td>
      <td class="small source">{info.capability_source ? sourceLabel(info.capability_source) : info.capabilities_found ? '—' : <span class="warn-text">no capability data</span>}</td>
    </tr>
  );
}

/** The shipped files are named by their file (`builtin · openai.json`); other sources as configured. */
function sourceLabel(source: string): string {
  const shipped = /[/\\]schemas[/\\]capabilities[/\\]([^/\\]+)$/.exec(source);
  return shipped === null ? source : `builtin · ${shipped[1]}`;
}
