import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { DayChart, type ChartSeries } from '../components/day-chart.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { download, toCsv } from '../csv.ts';
import { count, tokens, usd } from '../format.ts';
import type { KeyList } from './key-types.ts';
import { loadUsage, type UsageReport } from './spend-api.ts';
import { useApi } from '../use-api.ts';
import { summarize, type UsageDimension } from './usage-summary.ts';

const CHART_GROUPS = 6;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const shortHash = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 10)}…` : hash);

/** Spend and requests per day by model, key or team, from the daily rollups; totals; CSV. */
export function UsagePage() {
  const [from, setFrom] = useState(daysAgo(6));
  const [to, setTo] = useState(today());
  const [dimension, setDimension] = useState<UsageDimension>('model');
  const [report, setReport] = useState<UsageReport | undefined>(undefined);
  // Aliases of the newest keys, to name them in the key view (the report names keys by hash).
  const keyList = useApi<KeyList>(dimension === 'key' ? '/key/list' : undefined, { query: { return_full_object: 'true', size: 100 } });
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const groupBy = dimension === 'team' ? 'team' : 'key';
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    loadUsage({ groupBy, from, to, signal: controller.signal })
      .then(setReport)
      .catch((reason: unknown) => {
        if ((reason as Error).name !== 'AbortError') setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), null, null));
      });
    return () => controller.abort();
  }, [groupBy, from, to]);
  const aliases = useMemo(() => {
    const map = new Map<string, string>();
    for (const key of keyList.data?.keys ?? []) if (typeof key === 'object' && key.key_alias) map.set(key.token, key.key_alias);
    return map;
  }, [keyList.data]);
  const label = (id: string) => (dimension === 'key' ? (aliases.get(id) ?? shortHash(id)) : id);
  const summary = useMemo(() => (report === undefined ? undefined : summarize(report.rows, { dimension, from, to, label })), [report, dimension, from, to, aliases]);
  const chartSeries = (pick: 'spendByDay' | 'requestsByDay'): ChartSeries[] => (summary?.groups ?? []).slice(0, CHART_GROUPS).map((group) => ({ label: group.name, values: group[pick] }));
  const spendSeries = useMemo(() => chartSeries('spendByDay'), [summary]);
  const requestSeries = useMemo(() => chartSeries('requestsByDay'), [summary]);
  const exportCsv = () => {
    if (report === undefined) return;
    const header = ['day', groupBy === 'team' ? 'team_id' : 'key_hash', groupBy === 'team' ? 'team' : 'key_alias', 'model', 'requests', 'failures', 'input_tokens', 'output_tokens', 'spend_usd'];
    const lines = report.rows.map((row) => [row.day, row.id, groupBy === 'key' ? (aliases.get(row.id) ?? null) : row.id, row.model, row.requests, row.failures, row.inputTokens, row.outputTokens, row.spendExact]);
    download(`switchyard-usage-${dimension}-${from}-to-${to}.csv`, toCsv(header, lines));
  };
  const preset = (days: number) => {
    setFrom(daysAgo(days - 1));
    setTo(today());
  };
  return (
    <section aria-labelledby="usage-title">
      <div class="page-head">
        <h1 id="usage-title">Usage</h1>
        <span class="muted">UTC days, from the daily rollups of virtual keys' spend (master-key calls are in the logs only)</span>
      </div>
      <div class="filters">
        <label>
          From
          <input type="date" value={from} max={to} onChange={(event) => setFrom((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          To
          <input type="date" value={to} min={from} onChange={(event) => setTo((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <div class="actions" role="group" aria-label="Range">
          <button type="button" onClick={() => preset(7)}>7 days</button>
          <button type="button" onClick={() => preset(30)}>30 days</button>
          <button type="button" onClick={() => preset(90)}>90 days</button>
        </div>
        <label>
          By
          <select name="group-by" value={dimension} onChange={(event) => setDimension((event.currentTarget as HTMLSelectElement).value as UsageDimension)}>
            <option value="model">Model</option>
            <option value="key">Key</option>
            <option value="team">Team</option>
          </select>
        </label>
        <button type="button" onClick={exportCsv} disabled={report === undefined}>
          Export CSV
        </button>
      </div>
      <ErrorBox error={error} />
      {summary === undefined ? (
        error === undefined ? <p class="empty">Loading…</p> : null
      ) : (
        <>
          <div class="totals card" id="usage-totals">
            <div>
              <span class="muted small">Spend</span>
              <strong data-total="spend" title={`$${report?.totalSpendExact ?? ''}`}>{usd(summary.totals.spend)}</strong>
            </div>
            <div>
              <span class="muted small">Requests</span>
              <strong data-total="requests">{count(summary.totals.requests)}</strong>
            </div>
            <div>
              <span class="muted small">Failed</span>
              <strong>{count(summary.totals.failures)}</strong>
            </div>
            <div>
              <span class="muted small">Tokens in / out</span>
              <strong>
                {tokens(summary.totals.inputTokens)} / {tokens(summary.totals.outputTokens)}
              </strong>
            </div>
          </div>
          <div class="grid-2">
            <DayChart title={`Spend per day by ${dimension}${summary.groups.length > CHART_GROUPS ? ` (top ${CHART_GROUPS})` : ''}`} days={summary.days} series={spendSeries} format={usd} />
            <DayChart title={`Requests per day by ${dimension}${summary.groups.length > CHART_GROUPS ? ` (top ${CHART_GROUPS})` : ''}`} days={summary.days} series={requestSeries} format={count} />
          </div>
          <div class="table-wrap">
            <table class="data" id="usage-table">
              <thead>
                <tr>
                  <th scope="col">{dimension === 'model' ? 'Model' : dimension === 'key' ? 'Key' : 'Team'}</th>
                  <th scope="col" class="num">Requests</th>
                  <th scope="col" class="num">Failed</th>
                  <th scope="col" class="num">Input tokens</th>
                  <th scope="col" class="num">Output tokens</th>
                  <th scope="col" class="num">Spend</th>
                </tr>
              </thead>
              <tbody>
                {summary.groups.map((group) => (
                  <tr key={group.name} data-group={group.name}>
                    <th scope="row">{group.name}</th>
                    <td class="num">{count(group.requests)}</td>
                    <td class="num">{count(group.failures)}</td>
                    <td class="num">{count(group.inputTokens)}</td>
                    <td class="num">{count(group.outputTokens)}</td>
                    <td class="num" data-spend>{usd(group.spend)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td class="num">{count(summary.totals.requests)}</td>
                  <td class="num">{count(summary.totals.failures)}</td>
                  <td class="num">{count(summary.totals.inputTokens)}</td>
                  <td class="num">{count(summary.totals.outputTokens)}</td>
                  <td class="num">{usd(summary.totals.spend)}</td>
                </tr>
              </tfoot>
            </table>
            {summary.groups.length === 0 ? <p class="empty">No spend in this range.</p> : null}
          </div>
        </>
      )}
    </section>
  );
}
