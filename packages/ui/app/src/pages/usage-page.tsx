import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { DayChart, type ChartSeries } from '../components/day-chart.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { download } from '../download.ts';
import { count, tokens, usd } from '../format.ts';
import { loadUsageCsv, loadUsageSummary, type UsageSummaryJson } from './spend-api.ts';
import { daysBetween, seriesByGroup, type UsageDimension } from './usage-summary.ts';

const CHART_GROUPS = 6;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const shortHash = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 10)}…` : hash);
const DIMENSION_TITLES: Record<UsageDimension, string> = { model: 'Model', key: 'Key', team: 'Team' };

/**
 * Spend and requests per day by model, key or team (`GET /spend/summary`, summed by the store
 * from the daily rollups), totals, and a CSV of every rollup row of the range (`GET /global/spend/report?format=csv`, written by the gateway).
 */
export function UsagePage() {
  const [from, setFrom] = useState(daysAgo(6));
  const [to, setTo] = useState(today());
  const [dimension, setDimension] = useState<UsageDimension>('model');
  const [summary, setSummary] = useState<UsageSummaryJson | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    loadUsageSummary({ groupBy: dimension, from, to, top: CHART_GROUPS, signal: controller.signal })
      .then(setSummary)
      .catch((reason: unknown) => {
        if ((reason as Error).name !== 'AbortError') setError(reason instanceof ApiError ? reason : new ApiError(0, String(reason), null, null));
      });
    return () => controller.abort();
  }, [dimension, from, to]);
  const labels = useMemo(() => new Map((summary?.groups ?? []).map((group) => [group.id, group.label ?? (summary?.group_by === 'key' ? shortHash(group.id) : group.id)])), [summary]);
  const days = useMemo(() => (summary === undefined ? [] : daysBetween(summary.start_date, summary.end_date)), [summary]);
  const series = useMemo(() => (summary === undefined ? [] : seriesByGroup(summary, days)), [summary, days]);
  const spendSeries = useMemo<ChartSeries[]>(() => series.map((line) => ({ label: labels.get(line.id) ?? line.id, values: line.spend })), [series, labels]);
  const requestSeries = useMemo<ChartSeries[]>(() => series.map((line) => ({ label: labels.get(line.id) ?? line.id, values: line.requests })), [series, labels]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const groupBy = dimension === 'team' ? 'team' : 'key';
      download(`switchyard-usage-by-${groupBy}-${from}-to-${to}.csv`, await loadUsageCsv({ groupBy, from, to }));
    } catch (reason) {
      if (reason instanceof ApiError) setError(reason);
    } finally {
      setExporting(false);
    }
  };
  const preset = (length: number) => {
    setFrom(daysAgo(length - 1));
    setTo(today());
  };
  const title = DIMENSION_TITLES[dimension];
  const chartTitle = (what: string) => `${what} per day by ${title.toLowerCase()}${(summary?.groups.length ?? 0) > CHART_GROUPS ? ` (largest ${CHART_GROUPS})` : ''}`;
  return (
    <section aria-labelledby="usage-title">
      <div class="page-head">
        <h1 id="usage-title">Usage</h1>
        <span class="muted">UTC days, from the daily spend rollups (every key's calls, the master key's included)</span>
      </div>
      <div class="filters">
        <label>
          From
          <input type="date" name="from" value={from} max={to} onChange={(event) => setFrom((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          To
          <input type="date" name="to" value={to} min={from} onChange={(event) => setTo((event.currentTarget as HTMLInputElement).value)} />
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
        <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export CSV'}
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
              <strong data-total="spend" title={`$${summary.totals.spend_exact}`}>
                {usd(summary.totals.spend)}
              </strong>
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
                {tokens(summary.totals.prompt_tokens)} / {tokens(summary.totals.completion_tokens)}
              </strong>
            </div>
          </div>
          <div class="grid-2">
            <DayChart title={chartTitle('Spend')} days={days} series={spendSeries} format={usd} />
            <DayChart title={chartTitle('Requests')} days={days} series={requestSeries} format={count} />
          </div>
          <div class="table-wrap">
            <table class="data" id="usage-table">
              <thead>
                <tr>
                  <th scope="col">{title}</th>
                  <th scope="col" class="num">Requests</th>
                  <th scope="col" class="num">Failed</th>
                  <th scope="col" class="num">Input tokens</th>
                  <th scope="col" class="num">Output tokens</th>
                  <th scope="col" class="num">Spend</th>
                </tr>
              </thead>
              <tbody>
                {summary.groups.map((group) => (
                  <tr key={group.id} data-group={labels.get(group.id)}>
                    <th scope="row" title={group.id}>
                      {labels.get(group.id)}
                    </th>
                    <td class="num">{count(group.requests)}</td>
                    <td class="num">{count(group.failures)}</td>
                    <td class="num">{count(group.prompt_tokens)}</td>
                    <td class="num">{count(group.completion_tokens)}</td>
                    <td class="num" data-spend title={`$${group.spend_exact}`}>
                      {usd(group.spend)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total{summary.more_groups > 0 ? ` (${count(summary.more_groups)} smaller ${title.toLowerCase()}s not listed)` : ''}</th>
                  <td class="num">{count(summary.totals.requests)}</td>
                  <td class="num">{count(summary.totals.failures)}</td>
                  <td class="num">{count(summary.totals.prompt_tokens)}</td>
                  <td class="num">{count(summary.totals.completion_tokens)}</td>
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
